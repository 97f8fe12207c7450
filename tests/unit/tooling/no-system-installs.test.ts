/**
 * `npm test` and `npm start` install no system package and need no root: neither their npm scripts
 * nor the provisioning script they run mention a system package manager, privilege or a browser.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const SYSTEM_INSTALL = /\b(?:apt-get|apt|dnf|yum|apk|brew|sudo|chromium|playwright)\b/i;

test.each(['test', 'start', 'provision'])('npm %s runs nothing that installs system packages', (name) => {
  expect(pkg.scripts[name]).toBeDefined();
  expect(pkg.scripts[name]).not.toMatch(SYSTEM_INSTALL);
});

test('scripts/provision.js neither installs system packages nor drives a browser', () => {
  const source = fs.readFileSync(path.join(root, 'scripts/provision.js'), 'utf8');
  expect(source).not.toMatch(SYSTEM_INSTALL);
  expect(source).not.toContain('getuid');
});
