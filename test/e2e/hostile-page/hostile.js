// A hostile page: it tries to read Evidence Mapper's overlay and to act through it with
// events it makes itself. Everything it reads or manages is written to window.__hostile,
// which the end-to-end test (test/e2e/isolation.test.ts) reads.
(() => {
  const report = (window.__hostile = { read: [], did: [], keys: '', inputs: [], found: [], shadowHosts: [], frames: [], resources: [] });

  // A keylogger: keys and input events that reach the page while the overlay has focus.
  for (const type of ['keydown', 'keypress', 'keyup']) {
    window.addEventListener(type, (e) => {
      if (type === 'keydown' && e.isTrusted && e.key.length === 1) report.keys += e.key;
    }, true);
  }
  window.addEventListener('input', (e) => {
    if (!e.isTrusted) return;
    const t = e.composedPath()[0];
    report.inputs.push(`${t && t.tagName}:${e.data ?? ''}:${t && 'value' in t ? t.value : ''}`);
  }, true);

  /** Every text the page can reach: the DOM, open shadow roots, form values, frames it may script. */
  function harvest() {
    const out = [];
    const visit = (root, where) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.tagName.startsWith('EVIDENCE-MAPPER') && !report.shadowHosts.includes(`${el.tagName}:${el.shadowRoot ? 'open' : 'closed'}`)) {
          report.shadowHosts.push(`${el.tagName}:${el.shadowRoot ? 'open' : 'closed'}`);
        }
        if (el.shadowRoot) {
          out.push(`${where} ${el.tagName} shadow: ${el.shadowRoot.textContent}`);
          visit(el.shadowRoot, `${where} ${el.tagName}>`);
        }
        if (el.matches('input, textarea, select')) out.push(`${where} ${el.tagName} value: ${el.value}`);
        if (el.tagName === 'OPTION') out.push(`${where} option: ${el.textContent} ${el.value}`);
        if (el.tagName === 'IFRAME') {
          report.frames.push(el.src);
          try {
            out.push(`${where} iframe: ${el.contentDocument.documentElement.textContent}`);
          } catch {
            /* cross-origin */
          }
        }
        for (const a of el.getAttributeNames()) if (!['id', 'class', 'style', 'src'].includes(a)) out.push(`${where} @${a}: ${el.getAttribute(a)}`);
      }
    };
    visit(document, 'doc');
    out.push(`innerText: ${document.documentElement.innerText}`);
    for (let i = 0; i < window.frames.length; i++) {
      try {
        out.push(`frame ${i}: ${window.frames[i].document.documentElement.textContent}`);
      } catch {
        report.frames.push(`frames[${i}] cross-origin`);
      }
    }
    for (const r of performance.getEntriesByType('resource')) if (!r.name.startsWith(location.origin)) report.resources.push(r.name);
    try {
      for (const [name, h] of CSS.highlights) out.push(`highlight ${name}: ${[...h].map((r) => r.toString()).join(' | ')}`);
    } catch {
      /* no highlights API */
    }
    report.read.push(...out);
    return out;
  }

  /**
   * Guessing: window.find searches rendered text, closed shadow trees included; innerText and
   * a select-all (what a page could copy) are rendered text too.
   */
  function probe(guesses) {
    const sel = getSelection();
    const saved = sel.rangeCount ? sel.getRangeAt(0).cloneRange() : null;
    for (const g of guesses) {
      sel.removeAllRanges();
      if (window.find(g, true, false, true)) report.found.push(`${g} <- window.find`);
    }
    const texts = { 'body.innerText': document.body.innerText, 'documentElement.innerText': document.documentElement.innerText };
    sel.removeAllRanges();
    sel.selectAllChildren(document.documentElement);
    texts['getSelection after selectAllChildren'] = sel.toString();
    sel.removeAllRanges();
    document.execCommand('selectAll');
    texts['getSelection after selectAll'] = sel.toString();
    for (const [how, text] of Object.entries(texts)) for (const g of guesses) if (text.includes(g)) report.found.push(`${g} <- ${how}`);
    report.probes = (report.probes || 0) + 1;
    sel.removeAllRanges();
    if (saved) sel.addRange(saved);
  }

  // The page changes its own words before the overlay anchors (the test's orphan case).
  if (localStorage.getItem('hostile-rewrite')) {
    document.getElementById('ev-3').textContent = 'This paragraph was rewritten by the page after the assessor tagged it, so no highlight can find its old words.';
  }

  const key = (target, init) => target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, composed: true, ...init }));
  const mouse = (target, type, x, y) =>
    target.dispatchEvent(new (type.startsWith('pointer') ? PointerEvent : MouseEvent)(type, { bubbles: true, cancelable: true, composed: true, clientX: x, clientY: y, view: window }));
  const setValue = (el, value) => {
    const proto = Object.getPrototypeOf(el);
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
    el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: value, inputType: 'insertText' }));
    el.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  };
  const reachable = (selector) => {
    const found = [];
    const visit = (root) => {
      found.push(...root.querySelectorAll(selector));
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
    };
    visit(document);
    return found;
  };
  const did = (what) => report.did.push(what);

  /** Selects a paragraph, then tries to drive the overlay with synthetic input. */
  function attack(round) {
    const p = document.getElementById('ev-2');
    const r = document.createRange();
    r.selectNodeContents(p);
    getSelection().removeAllRanges();
    getSelection().addRange(r);
    const box = p.getBoundingClientRect();
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup']) mouse(p, type, box.left + 20, box.top + 8);
    for (const target of [document, document.body, document.activeElement || document.body, window]) {
      key(target, { key: 'T', code: 'KeyT', altKey: true, shiftKey: true });
      // The keys that move between highlights (a focus ring, then Enter opens the card).
      key(target, { key: 'N', code: 'KeyN', altKey: true, shiftKey: true });
      key(target, { key: 'P', code: 'KeyP', altKey: true, shiftKey: true });
    }
    document.dispatchEvent(new KeyboardEvent('keyup', { key: 'End', shiftKey: true, bubbles: true }));
    // The toolbar's Tag button, if the page can reach it.
    for (const b of reachable('button')) {
      if (/tag/i.test(b.textContent) || /tag/i.test(b.getAttribute('aria-label') || '')) {
        b.click();
        did(`${round}: clicked ${b.textContent.trim()}`);
      }
    }
    // The learner prompt: choose a learner, or create one of the page's choosing.
    for (const s of reachable('select')) {
      const option = [...s.options].find((o) => o.value);
      if (option) {
        setValue(s, option.value);
        did(`${round}: chose learner ${option.textContent}`);
      }
    }
    for (const i of reachable('input[type="text"], input:not([type])')) {
      setValue(i, i.getAttribute('role') === 'combobox' ? 'CU795' : 'Mallory Page');
      did(`${round}: typed into ${i.id || i.getAttribute('role')}`);
      key(i, { key: 'Enter' });
      key(i, { key: 'ArrowDown' });
      key(i, { key: 'Enter' });
    }
    for (const c of reachable('input[type="checkbox"]')) {
      c.click();
      did(`${round}: ticked ${c.value}`);
    }
    for (const t of reachable('textarea')) {
      setValue(t, 'A note of the page\u2019s choosing');
      did(`${round}: wrote a note`);
      key(t, { key: 'Enter', ctrlKey: true });
    }
    for (const o of reachable('[role="option"]')) {
      o.click();
      did(`${round}: clicked option ${o.getAttribute('data-criterion-id')}`);
    }
    for (const f of reachable('form')) {
      f.requestSubmit();
      did(`${round}: submitted a form`);
    }
    for (const target of [document, document.activeElement || document.body]) {
      key(target, { key: 'Enter', ctrlKey: true });
      key(target, { key: 'Enter' });
    }
    for (const b of reachable('button')) {
      if (/save|create|delete|remove|undo/i.test(b.textContent + (b.getAttribute('aria-label') || ''))) {
        b.click();
        did(`${round}: clicked ${b.textContent.trim() || b.getAttribute('aria-label')}`);
      }
    }
    // Frames: whatever the overlay put in the page, offered messages a palette might take.
    for (let i = 0; i < window.frames.length; i++) {
      for (const message of [
        { type: 'save', criteria: ['edi-l2:CU795:1.8'], method: 'Obs', note: 'forged' },
        { channel: 'evidence-mapper', type: 'passage/create', payload: {} },
        { kind: 'action', name: 'savePalette', args: [{ criteria: ['edi-l2:CU795:1.8'], method: 'Obs', note: 'forged' }] },
      ]) {
        try {
          window.frames[i].postMessage(message, '*');
          did(`${round}: posted to frame ${i}`);
        } catch {
          /* ignored */
        }
      }
    }
    // A highlight, if one is painted: click it (the card opens on a click).
    const e1 = document.getElementById('ev-1').getBoundingClientRect();
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) mouse(document.getElementById('ev-1'), type, e1.left + 30, e1.top + 8);
    if (window.chrome && chrome.runtime && typeof chrome.runtime.sendMessage === 'function') did(`${round}: runtime.sendMessage available`);
  }

  window.__hostileApi = { harvest, probe, attack };
  setInterval(harvest, 250);
})();
