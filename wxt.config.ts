import { defineConfig } from 'wxt';

// Evidence Mapper's build: Chrome MV3 by default, Firefox with `-b firefox`.
export default defineConfig({
  modules: ['@wxt-dev/module-svelte', '@wxt-dev/webextension-polyfill'],
  webExt: { disabled: true },
  manifest: ({ browser }) => ({
    name: 'Evidence Mapper',
    description: 'Map learners\u2019 evidence on any page to qualification assessment criteria.',
    permissions: ['storage', 'contextMenus', 'activeTab', 'scripting', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    optional_host_permissions: ['*://*/*'],
    action: { default_title: 'Evidence Mapper' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'evidence-mapper@example.org', strict_min_version: '115.0', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
});
