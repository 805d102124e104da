import { describePrice, formatMoney } from '../billing-periods';
import type { CheckoutFlow } from '../checkout-flow';
import type { PageRoute } from '../sandbox-routes';
import type { SandboxStore, StripeObject } from '../sandbox-store';
import { escapeHtml, htmlResponse, redirect } from './html';

/** The hosted Checkout page: what is bought, a card field and Pay; a POST pays and redirects to the success URL. */
export function checkoutPages(store: SandboxStore, checkout: CheckoutFlow): PageRoute[] {
  function render(session: StripeObject, error?: string, status = 200) {
    const items = checkout.lineItems(session).data as StripeObject[];
    const rows = items
      .map((item) => `<tr><td>${escapeHtml(describePrice(item.price, item.description ?? item.price.product))}</td><td>${item.quantity ?? 'metered'}</td></tr>`)
      .join('');
    const trial = checkoutTrialDays(session, checkout);
    const needsEmail = !session.customer;
    const body = `
<h1>${session.mode === 'subscription' ? 'Subscribe' : 'Pay'}</h1>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<table><tr><th>Item</th><th>Quantity</th></tr>${rows}</table>
<p>Total due today: <strong>${escapeHtml(formatMoney(session.amount_total ?? 0, session.currency))}</strong>${trial ? ` (${trial}-day free trial)` : ''}</p>
${
  session.status === 'open'
    ? `<form method="post" action="/checkout/${escapeHtml(session.id)}">
${needsEmail ? `<label>Email <input name="email" type="email" value="${escapeHtml(session.customer_email ?? '')}"></label><br>` : ''}
<label>Card number <input name="card_number" inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242" required></label><br>
<button type="submit">${session.mode === 'subscription' ? 'Subscribe' : 'Pay'}</button>
</form>
${session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">Cancel and go back</a></p>` : ''}`
    : `<p>This Checkout Session is ${escapeHtml(session.status)}.</p>`
}`;
    return htmlResponse(status, 'Checkout', body);
  }

  const sessionOr404 = (id: string) => store.checkoutSessions.get(id);
  return [
    {
      method: 'GET',
      pattern: '/checkout/:id',
      handle: ({ id }) => {
        const session = sessionOr404(id!);
        return session ? render(session) : htmlResponse(404, 'Checkout', '<p>No such Checkout Session.</p>');
      },
    },
    {
      method: 'POST',
      pattern: '/checkout/:id',
      handle: ({ id }, form) => {
        const session = sessionOr404(id!);
        if (!session) return htmlResponse(404, 'Checkout', '<p>No such Checkout Session.</p>');
        const outcome = checkout.pay(session, form.card_number, form.email);
        return outcome.paid ? redirect(outcome.redirectTo) : render(session, outcome.message, 402);
      },
    },
  ];
}

function checkoutTrialDays(session: StripeObject, checkout: CheckoutFlow): number | undefined {
  return session.mode === 'subscription' && session.amount_total === 0 && session.amount_subtotal > 0 ? checkout.trialDays(session.id) : undefined;
}
