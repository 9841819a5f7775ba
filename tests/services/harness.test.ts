import { afterEach, describe, expect, test } from 'vitest';
import { findChromium } from '../harness/chromium';

describe('the end-to-end harness', () => {
  const saved = process.env['CHROMIUM_PATH'];
  afterEach(() => {
    if (saved === undefined) delete process.env['CHROMIUM_PATH'];
    else process.env['CHROMIUM_PATH'] = saved;
  });

  test('without a Chromium, it fails with a message saying how to get one', async () => {
    process.env['CHROMIUM_PATH'] = '/nonexistent/chromium';
    await expect(findChromium()).rejects.toThrow('CHROMIUM_PATH is set to /nonexistent/chromium, but there is no file there.');
  });

  test('with none installed and no CHROMIUM_PATH, the message says how to install one', async () => {
    delete process.env['CHROMIUM_PATH'];
    await expect(findChromium(['/nonexistent/a', '/nonexistent/b'])).rejects.toThrow('sudo apt-get install -y chromium');
  });

  test('CHROMIUM_PATH wins over the usual locations', async () => {
    process.env['CHROMIUM_PATH'] = process.execPath;
    expect(await findChromium()).toBe(process.execPath);
  });

  test('a folder where Chromium should be is not taken for it', async () => {
    delete process.env['CHROMIUM_PATH'];
    await expect(findChromium(['/tmp'])).rejects.toThrow('sudo apt-get install -y chromium');
  });
});
