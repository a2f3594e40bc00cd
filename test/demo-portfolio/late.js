// Inserts a newly uploaded evidence item one second after load, as e-portfolios that fetch
// their content do. Tests rely on the delay: highlights must be anchored when it appears.
// Passage ids are listed in MAPPING.md.

const ITEM = {
  id: 'ev-late-reflective-account',
  evidence: 'reflective-account',
  type: 'Reflective account',
  title: 'Helping a customer whose first language is not English',
  date: ['2026-11-19', '19 Nov 2026'],
  ref: 'JE-RA-05',
  passages: [
    ['la-context', 'Last Wednesday evening a customer came to the desk holding his phone with a photo of his lawn, which had lots of bare brown patches. He was Polish and his English was limited, and at first I found his accent quite hard to follow.'],
    ['la-assumption', 'At first I thought he wanted a lawnmower, because he kept saying "machine" and pointing towards the garden machinery aisle. I nearly walked him over there, but I stopped myself because I wasn\u2019t sure, and I didn\u2019t want to just assume what he needed because of the way he was speaking.'],
    ['la-questions', 'I asked him simple questions one at a time, like "Is the grass dead, or is it too long?", and showed him pictures on the store tablet. I spoke clearly at a normal pace and didn\u2019t raise my voice, because speaking loudly doesn\u2019t help someone understand and can come across as rude. From the pictures he pointed to the lawn seed and a spreader, so the "machine" he meant was the spreader, not a mower.'],
    ['la-outcome', 'I showed him the seed and the spreader, wrote down how much seed he needed for the size of his lawn and the best time to put it down, and he used the translate app on his phone to check the instructions. He shook my hand when he left and said he would come back for the feed in spring. Since then I have told the team about using the tablet pictures with customers who don\u2019t speak much English, and Sam has asked us all to do it.'],
  ],
};

function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

function render(item) {
  const meta = el('dl', { class: 'meta' }, [
    el('div', {}, [el('dt', {}, ['Date']), el('dd', {}, [el('time', { datetime: item.date[0] }, [item.date[1]])])]),
    el('div', {}, [el('dt', {}, ['Author']), el('dd', {}, ['Jordan Ellis (learner)'])]),
    el('div', {}, [el('dt', {}, ['Evidence ref']), el('dd', {}, [item.ref])]),
  ]);
  const header = el('header', {}, [
    el('span', { class: 'type' }, [item.type]), ' ',
    el('span', { class: 'status' }, ['New']),
    el('h3', {}, [item.title]),
    meta,
  ]);
  const body = el('div', { class: 'body' }, item.passages.map(([id, text]) => el('p', { id }, [text])));
  const footer = el('footer', {}, [
    el('span', {}, ['Learner declaration: I confirm this account is my own work. \u2014 Jordan Ellis, 19/11/2026']),
    el('span', {}, ['Uploaded from the Trackwell app']),
  ]);
  return el('article', { class: 'evidence', id: item.id, 'data-evidence': item.evidence }, [header, body, footer]);
}

window.addEventListener('load', () => {
  setTimeout(() => {
    const container = document.getElementById('late-container');
    container.replaceChildren(render(ITEM));
    document.documentElement.dataset.lateLoaded = 'true';
  }, 1000);
});
