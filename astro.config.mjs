// @ts-check
import { defineConfig } from 'astro/config';
import react from '@astrojs/react';

// Static site: every page is pre-rendered; islands hydrate only where they are used.
export default defineConfig({
  output: 'static',
  site: 'https://workload-identity-lab.example',
  trailingSlash: 'always',
  integrations: [react()],
  vite: {
    worker: { format: 'es' },
  },
});
