// The evidence viewer as a single-page app: links change the route with history.pushState
// (?item=...), back/forward use popstate, and each route renders its own evidence after a
// short "fetch". Tests rely on this: highlights must appear on content rendered per route.
// Passage ids are listed in MAPPING.md.

const ITEMS = {
  'refund-call': {
    evidence: 'reflective-account',
    type: 'Reflective account',
    title: 'A phone call about a refund that never arrived',
    date: ['2026-11-10', '10 Nov 2026'],
    author: 'Jordan Ellis (learner)',
    ref: 'JE-RA-04',
    passages: [
      ['spa-call-greeting', 'A customer rang on Monday morning very upset because the refund for a barbecue she had returned still had not reached her bank account after ten days. I answered with our standard greeting and, before I looked anything up, asked for her order number and postcode to confirm who she was.'],
      ['spa-call-options', 'I found that the refund had failed because the card she paid with had expired. I explained her options: we could refund to a new card if she came into the store, send a cheque, which takes about a week, or give her a gift card straight away. I told her the good and bad points of each one. She chose the cheque because she could not get to the store.'],
      ['spa-call-repeat', 'This was the third failed refund to an expired card I had seen that month, so I told Sam, my team leader, and he raised it with head office. Now the till warns us when a card has expired so we can ask for another way to refund before the customer leaves.'],
      ['spa-call-close', 'Before ending the call I summarised what would happen next, checked she had no other questions, and promised to ring her on Friday to check the cheque had arrived. I rang her on Friday as promised and it had, and she thanked me for keeping her updated.'],
    ],
  },
  'colleague-testimony': {
    evidence: 'witness-testimony',
    type: 'Witness testimony',
    title: 'Witness testimony from a colleague',
    date: ['2026-11-12', '12 Nov 2026'],
    author: 'Aisha Begum, Customer Service Advisor',
    ref: 'JE-WT-02',
    passages: [
      ['spa-wt-handover', 'Jordan always does a proper handover at the end of his shift. He writes down any customers who are waiting for a call back, what they have been promised and by when, so whoever is on next can follow it up. Last week a customer came in for a click-and-collect order Jordan had taken a message about, and because of his note I knew it had been moved to the warehouse.'],
      ['spa-wt-safety', 'When the floor in the garden centre was wet after the sprinklers came on, Jordan put out the warning signs and asked customers to use the other aisle while he got it mopped, without anyone asking him to.'],
      ['spa-wt-diversity', 'In our October team meeting Jordan suggested we keep magnifying sheets and a notepad on the desk for customers who have trouble reading small print or hearing, and that we all offer them the same way. We agreed, and it is now how the whole team works.'],
    ],
  },
  'written-questions': {
    evidence: 'questioning',
    type: 'Written questions',
    title: 'Written questions: problems and customer information',
    date: ['2026-11-15', '15 Nov 2026'],
    author: 'Jordan Ellis (learner), set by Priya Nair',
    ref: 'JE-Q-02',
    passages: [
      ['spa-q-detail-question', 'Q1. Why is attention to detail important when processing information about customers?'],
      ['spa-q-detail', 'If I type one number wrong in a phone number or postcode the delivery goes to the wrong place or we cannot ring the customer back, and then the customer has a problem that we caused. Getting the details right first time saves the customer and us a lot of hassle, and it means they can trust us with their information.'],
      ['spa-q-defuse-question', 'Q2. How would you defuse a stressful situation with a customer?'],
      ['spa-q-defuse', 'Stay calm and keep my voice low and steady, let them say everything without interrupting, say sorry that it has happened and that I understand why they are upset, move them somewhere quieter if other customers are around, and then tell them what I can do rather than what I can\u2019t.'],
      ['spa-q-worse-question', 'Q3. What kinds of behaviour could make a customer\u2019s problem worse?'],
      ['spa-q-worse', 'Arguing back, blaming another department, making promises I can\u2019t keep, using jargon, passing them from person to person, or not getting back to them when I said I would.'],
    ],
  },
};

const DEFAULT_ROUTE = 'refund-call';

function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

function card(route, item) {
  const meta = el('dl', { class: 'meta' }, [
    el('div', {}, [el('dt', {}, ['Date']), el('dd', {}, [el('time', { datetime: item.date[0] }, [item.date[1]])])]),
    el('div', {}, [el('dt', {}, ['Author']), el('dd', {}, [item.author])]),
    el('div', {}, [el('dt', {}, ['Evidence ref']), el('dd', {}, [item.ref])]),
  ]);
  const body = el('div', { class: 'body' }, item.passages.map(([id, text]) =>
    el('p', id.endsWith('-question') ? { id, class: 'question' } : { id }, [id.endsWith('-question') ? el('strong', {}, [text]) : text])));
  return el('article', { class: 'evidence', id: `ev-${route}`, 'data-evidence': item.evidence }, [
    el('header', {}, [el('span', { class: 'type' }, [item.type]), ' ', el('span', { class: 'status' }, ['Awaiting assessment']), el('h3', {}, [item.title]), meta]),
    body,
  ]);
}

function routeFromLocation() {
  const item = new URLSearchParams(location.search).get('item');
  return item && item in ITEMS ? item : DEFAULT_ROUTE;
}

let renderToken = 0;

function render(route) {
  const view = document.getElementById('spa-view');
  const token = ++renderToken;
  view.dataset.route = '';
  view.replaceChildren(el('p', { class: 'loading' }, ['Loading\u2026']));
  for (const a of document.querySelectorAll('#spa-items a')) {
    if (a.dataset.route === route) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  // Stands in for the fetch a real e-portfolio makes; a newer route wins.
  setTimeout(() => {
    if (token !== renderToken) return;
    view.replaceChildren(card(route, ITEMS[route]));
    view.dataset.route = route;
    document.title = `${ITEMS[route].title} \u2013 Evidence viewer \u2013 Trackwell ePortfolio`;
  }, 150);
}

document.getElementById('spa-items').addEventListener('click', (event) => {
  const link = event.target.closest('a[data-route]');
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  const route = link.dataset.route;
  if (route === routeFromLocation() && location.search) return;
  history.pushState({ item: route }, '', `?item=${route}`);
  render(route);
});

window.addEventListener('popstate', () => render(routeFromLocation()));

render(routeFromLocation());
