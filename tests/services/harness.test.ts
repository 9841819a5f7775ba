import { afterEach, describe, expect, test } from 'vitest';
import { findChromium } from '../harness/chromium';

describe('the end-to-end harness', () => {
  const saved = process.env['CHROMIUM_PATH'];
  afterEach(() => {
    if (saved === undefined) delete process.env['CHROMIUM_PATH'];
    else process.env['CHROMIUM_PATH'] = saved;
  });

  test('without a Chromium, it fails with a message saying how to get one', () => {
    process.env['CHROMIUM_PATH'] = '/nonexistent/chromium';
    expect(() => findChromium()).toThrow('CHROMIUM_PATH is set to /nonexistent/chromium, but there is no file there.');
  });

  test('with none installed and no CHROMIUM_PATH, the message says how to install one', () => {
    delete process.env['CHROMIUM_PATH'];
    expect(() => findChromium(['/nonexistent/a', '/nonexistent/b'])).toThrow('sudo apt-get install -y chromium');
  });

  test('CHROMIUM_PATH wins over the usual locations', () => {
    process.env['CHROMIUM_PATH'] = process.execPath;
    expect(findChromium()).toBe(process.execPath);
  });
});
