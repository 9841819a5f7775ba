// Finding Chromium is product code (the command-line export needs it too); the harness uses the same logic.
export { chromiumArgs, findChromium, noChromiumMessage } from '../../electron/cli/chromium';
