// @ts-check
import { defineConfig } from 'astro/config';
import react from '@astrojs/react';
import validateScenarios from './src/integrations/validate-scenarios.ts';

// Static site: every page is pre-rendered; islands hydrate only where they are used.
export default defineConfig({
  output: 'static',
  site: 'https://workload-identity-lab.example',
  trailingSlash: 'always',
  integrations: [react(), validateScenarios()],
  vite: {
    worker: { format: 'es' },
  },
});
