import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

/** Paths the console's client-side router never owns. */
const SERVER_PATHS = /^\/(graphql|webhooks|healthz|readyz)(\/|$)/;

/** Serves the built console and answers its client-side routes with index.html. */
export function consoleRoutes(distDir: string): Router {
  const router = express.Router();
  const indexFile = path.join(distDir, 'index.html');
  // Vite content-hashes everything under assets/, so those files never change.
  router.use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
  router.use(express.static(distDir, { index: false, maxAge: '1h' }));
  router.get(/.*/, (req, res, next) => {
    // A missing file (favicon.ico, a stale chunk) is a 404, not the app shell.
    if (SERVER_PATHS.test(req.path) || path.extname(req.path)) return next();
    if (!fs.existsSync(indexFile)) {
      res.status(503).type('text/plain').send('The console is not built. Run `npm run build` (npm start does it for you).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });
  return router;
}
