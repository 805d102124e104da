import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'tollgate_session';

export interface SessionCookieSettings {
  secure: 'auto' | boolean;
}

/** httpOnly, SameSite=Lax, Secure behind HTTPS (or when forced by COOKIE_SECURE). */
export function setSessionCookie(req: Request, res: Response, token: string, expiresAt: Date, settings: SessionCookieSettings): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.secure === 'auto' ? req.secure : settings.secure,
    expires: expiresAt,
    path: '/',
  });
}

export function clearSessionCookie(res: Response): void {
  res.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax' });
}
