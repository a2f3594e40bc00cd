/**
 * Bridges between the words learners write and the words specifications print. A learner
 * writes "I said sorry and rang her back"; a criterion says "apologise" and "follow up".
 * Each entry maps learner words (or two-word phrases) to specification words; `suggest`
 * adds those at a reduced weight, and reports them, so a suggestion stays explainable.
 * The list is general customer-service vocabulary, written from the specifications'
 * wording, not from any labelled passage. Words with an everyday second sense ("till",
 * "machine", "review") are left out: they bridge to the wrong unit more often than not.
 */
import { isContentWord, stem, words } from './text';

const ENTRIES: [learner: string, spec: string][] = [
  ['sorry apologised apologized', 'apologise apology'],
  ['rang ring phoned phone call called calling', 'telephone call'],
  ['email emailed emails letter wrote typed message', 'writing written electronically email'],
  ['told tell telling explained informed', 'explain inform communicate'],
  ['said say saying spoke speak talked', 'communicate verbal'],
  ['asked ask questions', 'question questioning'],
  ['nodded nodding smiled smiling smile eye-contact posture gestures tone', 'body language non-verbal'],
  ['manager supervisor boss senior', 'manager refer colleague authority'],
  ['escalated escalate handed passed referred', 'refer escalate colleague authority'],
  ['colleague colleagues team workmate coworker', 'colleague team others'],
  ['angry annoyed upset cross rude shouting shouted aggressive furious frustrated', 'difficult challenging angry upset'],
  ['complained complaining moaned unhappy', 'complaint complaints problem'],
  ['issue issues fault broken wrong mistake', 'problem problems'],
  ['fixed sorted solved resolved', 'resolve solve solution'],
  ['refund replacement exchange voucher discount', 'solution options resolve'],
  ['options choices', 'options solutions'],
  ['checked double-checked confirmed', 'check confirm understand'],
  ['understood understand', 'understand understanding'],
  ['listened listening heard', 'listen actively'],
  ['database computer system crm records', 'system records information'],
  ['notes logged wrote-down noted', 'record information'],
  ['gdpr', 'data protection legislation confidentiality'],
  ['private privacy confidential password', 'confidentiality data protection information'],
  ['promised promise', 'promise commitment'],
  ['called-back followed chased', 'follow up keep informed'],
  ['greeted welcomed hello smiled', 'greet friendly'],
  ['uniform dressed badge tidy appearance', 'appearance standards presentation'],
  ['polite politely courteous', 'courteous respect'],
  ['patient calm calmly', 'calm patient'],
  ['wheelchair disabled disability deaf blind elderly older', 'individual needs diversity disabilities'],
  ['english translator interpreter accent', 'language divide communicate'],
  ['culture religion background', 'diversity differences'],
  ['offered upsell upgrade recommend suggested', 'additional products services offer'],
  ['feedback survey comments reviews', 'feedback customer satisfaction'],
  ['improve improvement better', 'improve improvements'],
  ['training course studied learned learnt', 'development learning skills'],
  ['appraisal mentor coach', 'development performance feedback'],
  ['targets target kpi', 'targets performance'],
  ['policy policies rules handbook', 'procedures policies guidelines organisation'],
  ['hazard hazards risk danger slippery safety', 'health safety risk'],
  ['queue busy rush', 'busy time pressure'],
  ['late delay delayed waiting', 'delay keep informed'],
  ['regular regulars loyal', 'relationship loyalty'],
  ['online website app chat', 'online'],
  ['self-checkout kiosk', 'self-service technology equipment'],
  ['promise deadline', 'commitment'],
  ['helped help helping', 'help assist'],
  ['buddy shadowed shadowing new-starter', 'buddy colleague develop'],
  ['handover shift', 'hand over colleague'],
  // Added in a second pass, topic by topic over the catalogue's unit titles (feedback,
  // customer information, queries, authority, security, dress, reception, sales, social
  // media, diaries, premises, equality), after the first bridges were measured.
  ['questionnaire questionnaires surveys poll', 'feedback gather customer'],
  ['spreadsheet chart graph percentages percentage statistics figures', 'analyse interpret data'],
  ['results trends', 'analyse interpret'],
  ['database address details postcode', 'information customers records'],
  ['query queries enquiry enquiries', 'query request'],
  ['allowed permission sign-off', 'authority limits'],
  ['card pin security lock locked', 'security information property'],
  ['trousers shirt apron jewellery scruffy clothes smart hygienic', 'dress appearance'],
  ['visitor visitors reception signed', 'visitors reception'],
  ['hold transfer transferred extension voicemail', 'telephone call'],
  ['sell sold sale sales bought buy', 'sales products'],
  ['haggle haggled bargain', 'negotiate'],
  ['twitter facebook instagram tweet post posted', 'social media'],
  ['calendar appointment appointments booking bookings', 'diary'],
  ['house home flat visit visited', 'premises'],
  ['race gender sexuality age', 'equality diversity'],
  ['department departments', 'departments others'],
  ['idea ideas suggestion suggestions recommended', 'improvement recommend'],
  ['stereotype assume assumed assumption', 'stereotypes'],
];

/** Expansion weight: a bridged word counts for less than a word the learner wrote. */
export const CONCEPT_WEIGHT = 0.45;

function build(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [from, to] of ENTRIES) {
    const targets = [...new Set(words(to).filter(isContentWord).map(stem))];
    // A hyphenated learner form is a two-word phrase ("eye-contact" → "eye contact").
    for (const k of from.split(/\s+/)) {
      const key = words(k).map(stem).join(' ');
      const list = map.get(key) ?? [];
      for (const t of targets) if (t !== key && !list.includes(t)) list.push(t);
      map.set(key, list);
    }
  }
  return map;
}

let concepts: Map<string, string[]> | null = null;

/** Specification stems bridged from a learner's stem or two-stem phrase ("eye contact"). */
export function bridge(key: string): readonly string[] {
  concepts ??= build();
  return concepts.get(key) ?? [];
}
