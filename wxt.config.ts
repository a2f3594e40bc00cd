import { defineConfig } from 'wxt';

// Evidence Mapper's build: Chrome MV3 by default, Firefox with `-b firefox`.
export default defineConfig({
  modules: ['@wxt-dev/module-svelte', '@wxt-dev/webextension-polyfill'],
  webExt: { disabled: true },
  manifest: ({ browser }) => ({
    name: 'Evidence Mapper',
    description: 'Map learners\u2019 evidence on any page to qualification assessment criteria.',
    // alarms: the automatic backup after changes; unlimitedStorage: those backups live in
    // storage.local (which a full disk does not wipe, unlike IndexedDB) and may pass its 10 MB.
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'contextMenus', 'activeTab', 'scripting', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    // Sites are enabled one by one at the assessor's request; 127.0.0.1 and localhost are
    // granted at install so the demo portfolio and local test servers work out of the box.
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
    // MV3 names optional site access optional_host_permissions; Firefox's MV2 build
    // lists it among optional_permissions.
    ...(browser === 'firefox' ? { optional_permissions: ['*://*/*'] } : { optional_host_permissions: ['*://*/*'] }),
    commands: {
      'tag-selection': {
        suggested_key: { default: 'Alt+Shift+T' },
        description: 'Tag the selected passage with criteria',
      },
    },
    action: { default_title: 'Evidence Mapper' },
    // The overlay's frame (learner prompt, palette, card): an extension page in an iframe on
    // the assessed page, so the page can neither read nor script it.
    // word-vectors.bin: the word vectors suggestions read (lib/search/vectors.ts), fetched by
    // the overlay where it builds its criteria index.
    web_accessible_resources: (browser === 'firefox'
      ? ['overlay-frame.html', 'word-vectors.bin']
      : [{ resources: ['overlay-frame.html', 'word-vectors.bin'], matches: ['<all_urls>'] }]) as never,
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // 140 (ESR 140): the painter needs the CSS Custom Highlight API (Firefox 140), and
            // the store's data-collection statement (data_collection_permissions) is read from
            // 140 on desktop, 142 on Android.
            gecko: { id: 'evidence-mapper@example.org', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
