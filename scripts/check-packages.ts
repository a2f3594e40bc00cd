/**
 * The store checks that can run here, on the built packages (.output/chrome-mv3 and
 * .output/firefox-mv2; `npm run build && npm run build:firefox` first): what the Chrome Web
 * Store refuses at upload or review, and what AMO needs beyond `web-ext lint`. Prints each
 * problem and exits 1 if there is one. `npm run check:packages`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const problems: string[] = [];
const fail = (where: string, what: string): void => void problems.push(`${where}: ${what}`);

type Manifest = Record<string, unknown> & { name: string; description: string; version: string; manifest_version: number };

/** A PNG's width and height, read from its header. */
function pngSize(file: string): [number, number] | null {
  const b = readFileSync(file);
  if (b.length < 24 || b.toString('latin1', 1, 4) !== 'PNG') return null;
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

function common(where: string, dir: string, m: Manifest, files: string[]): void {
  if (!m.name || m.name.length > 75) fail(where, `name must be 1-75 characters (is ${m.name?.length ?? 0})`);
  if (!m.description || m.description.length > 132) fail(where, `description must be 1-132 characters (is ${m.description?.length ?? 0})`);
  if (!/^\d+(\.\d+){0,3}$/.test(m.version) || m.version.split('.').some((p) => Number(p) > 65535)) fail(where, `version "${m.version}" is not 1-4 dot-separated integers up to 65535`);
  const icons = (m.icons ?? {}) as Record<string, string>;
  for (const size of ['16', '48', '128']) {
    const file = icons[size];
    if (!file) fail(where, `no ${size}x${size} icon`);
    else if (!existsSync(join(dir, file))) fail(where, `icon ${file} is missing`);
    else if (String(pngSize(join(dir, file))) !== `${size},${size}`) fail(where, `icon ${file} is not a ${size}x${size} PNG`);
  }
  for (const f of files) if (!existsSync(join(dir, f.replace(/^\//, '').replace(/[#?].*$/, '')))) fail(where, `${f} is named in the manifest but not in the package`);
  for (const key of Object.keys(m)) if (key.startsWith('_')) fail(where, `key ${key} is not allowed`);
  const asked = ['permissions', 'host_permissions', 'optional_permissions', 'optional_host_permissions'].flatMap((k) => (m[k] ?? []) as string[]);
  if (asked.includes('<all_urls>')) fail(where, 'asks for <all_urls>: sites are enabled one by one');
  if (asked.some((p) => p === '*://*/*') && !((m.optional_permissions ?? m.optional_host_permissions) as string[] | undefined)?.includes('*://*/*')) fail(where, 'asks for every site at install');
}

function chrome(): void {
  const dir = join(ROOT, '.output', 'chrome-mv3');
  const where = 'Chrome (chrome-mv3)';
  if (!existsSync(join(dir, 'manifest.json'))) return fail(where, 'not built: run npm run build');
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  if (m.manifest_version !== 3) fail(where, 'the Chrome Web Store takes Manifest V3 only');
  const bg = m.background as { service_worker?: string; scripts?: unknown } | undefined;
  if (!bg?.service_worker || bg.scripts) fail(where, 'background must be a service worker');
  const war = (m.web_accessible_resources ?? []) as { resources: string[] }[];
  const known = new Set(['storage', 'unlimitedStorage', 'alarms', 'contextMenus', 'activeTab', 'scripting', 'sidePanel']);
  for (const p of (m.permissions ?? []) as string[]) if (!known.has(p)) fail(where, `permission ${p} is not among those docs/store-listing.md justifies`);
  common(where, dir, m, [
    bg?.service_worker ?? '',
    ((m.side_panel ?? {}) as { default_path?: string }).default_path ?? 'sidepanel.html',
    ((m.options_ui ?? {}) as { page?: string }).page ?? 'options.html',
    ...war.flatMap((w) => w.resources),
  ]);
}

function firefox(): void {
  const dir = join(ROOT, '.output', 'firefox-mv2');
  const where = 'Firefox (firefox-mv2)';
  if (!existsSync(join(dir, 'manifest.json'))) return fail(where, 'not built: run npm run build:firefox');
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const gecko = ((m.browser_specific_settings ?? {}) as { gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: unknown } }).gecko;
  if (!gecko?.id) fail(where, 'no browser_specific_settings.gecko.id (AMO needs a stable id)');
  if (!gecko?.data_collection_permissions) fail(where, 'no data_collection_permissions (AMO asks every new add-on)');
  if (parseFloat(gecko?.strict_min_version ?? '0') < 140) fail(where, 'strict_min_version below 140: the painter needs the CSS Custom Highlight API');
  const bg = m.background as { scripts?: string[] } | undefined;
  common(where, dir, m, [
    ...(bg?.scripts ?? []),
    ((m.sidebar_action ?? {}) as { default_panel?: string }).default_panel ?? 'sidebar_action.default_panel',
    ((m.options_ui ?? {}) as { page?: string }).page ?? 'options.html',
    ...((m.web_accessible_resources ?? []) as string[]),
  ]);
}

chrome();
firefox();
if (problems.length) {
  for (const p of problems) console.error(`✗ ${p}`);
  process.exit(1);
}
console.log('Packages pass the store checks run here (Chrome manifest, icons, files named; Firefox id, data collection, minimum version).');
