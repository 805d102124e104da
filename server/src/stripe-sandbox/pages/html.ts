/** Plain server-rendered HTML for the sandbox's pages: no scripts, works with a form POST (and with fetch in tests). */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Stripe sandbox</title>
<style>
body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1f36}
.banner{background:#fff4e5;border:1px solid #f5a623;padding:.5rem 1rem;border-radius:6px;font-size:.9rem}
.error{background:#fdecea;border:1px solid #e25950;padding:.5rem 1rem;border-radius:6px}
.notice{background:#e8f5e9;border:1px solid #4caf50;padding:.5rem 1rem;border-radius:6px}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem;border-bottom:1px solid #e3e8ee}
input,select,button{font-size:1rem;padding:.4rem;margin:.2rem 0}button{cursor:pointer}
form.inline{display:inline}
</style>
</head>
<body>
<p class="banner">Stripe sandbox — test mode. No real payment is made. Test cards: 4242 4242 4242 4242 pays,
4000 0000 0000 0002 is declined, 4000 0000 0000 0341 pays now and declines every later charge.</p>
${body}
</body>
</html>`;
}

export function htmlResponse(status: number, title: string, body: string) {
  return { status, body: page(title, body) };
}

export function redirect(location: string) {
  return { status: 303, headers: { location }, body: '' };
}
