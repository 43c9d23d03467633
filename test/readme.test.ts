// The README keeps the promises a newcomer relies on: the two commands, the screenshot, every setting.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configMarkdown } from '../src/config.ts';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('README', () => {
  it('starts with npm install, npm start and npm test', () => {
    expect(readme.indexOf('npm install')).toBeLessThan(readme.indexOf('npm start'));
    expect(readme).toContain('npm test');
  });

  it('shows a screenshot that exists', () => {
    const image = /!\[[^\]]*\]\(([^)]+)\)/.exec(readme)?.[1];
    expect(image).toBeDefined();
    expect(existsSync(join(root, image!))).toBe(true);
  });

  it('documents every setting exactly as `paperboy config --markdown` prints it', () => {
    const table = /<!-- config-table:start -->\n([\s\S]*?)<!-- config-table:end -->/.exec(readme)?.[1];
    expect(table).toBe(configMarkdown());
  });
});
