import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { startTollgate, type TollgateProcess } from './tollgate-process';

export interface RunningProduct {
  tollgate: TollgateProcess;
  browser: Browser;
}

/** The built product and a Chromium for one spec file: started before its tests, stopped after them. */
export function useRunningProduct(): RunningProduct {
  const running = {} as RunningProduct;
  beforeAll(async () => {
    running.tollgate = await startTollgate();
    running.browser = await launchBrowser();
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.tollgate?.stop();
  });
  return running;
}
