// The lint rules CI runs (`npm run lint`): the recommended sets for JavaScript, TypeScript and Astro.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';

export default tseslint.config(
  { ignores: ['dist/', '.astro/', '.wrangler/', 'node_modules/', 'bench/', 'worker-configuration.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    rules: {
      // `_name` marks a value taken apart and left on purpose (e.g. a field removed from a copy).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  // Ambient declarations: Astro's and wrangler's types are pulled in by reference, and Env is
  // declared as an (empty) extension of the generated Cloudflare.Env.
  {
    files: ['**/*.d.ts'],
    rules: { '@typescript-eslint/triple-slash-reference': 'off', '@typescript-eslint/no-empty-object-type': 'off' },
  },
  // Control characters are what these patterns exist to refuse.
  { files: ['functions/validation/**'], rules: { 'no-control-regex': 'off' } },
  // Content tests read YAML frontmatter, which has no type until a test checks it.
  { files: ['test/support/content.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
