import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

/** Serves the built console and answers its client-side routes with index.html. */
export function consoleRoutes(distDir: string): Router {
  const router = express.Router();
  const indexFile = path.join(distDir, 'index.html');
  router.use(express.static(distDir, { index: false, maxAge: '1h' }));
  router.get(/^\/(?!graphql|webhooks|healthz|readyz).*/, (_req, res) => {
    if (fs.existsSync(indexFile)) {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(indexFile);
    } else {
      res.status(503).type('text/plain').send('The console is not built. Run `npm run build` (npm start does it for you).');
    }
  });
  return router;
}
