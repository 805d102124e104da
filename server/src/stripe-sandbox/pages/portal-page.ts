import { describePrice, formatMoney } from '../billing-periods';
import { newId } from '../sandbox-ids';
import type { PageRoute } from '../sandbox-routes';
import type { SandboxStore, StripeObject } from '../sandbox-store';
import type { SubscriptionBilling } from '../subscription-billing';
import { testCard } from '../test-cards';
import { escapeHtml, htmlResponse, redirect } from './html';

/**
 * The customer portal: the customer's subscriptions with change plan, cancel at period end, resume and replace card.
 * Each action changes the subscription as the API would and sends the same webhooks.
 */
export function portalPages(store: SandboxStore, billing: SubscriptionBilling): PageRoute[] {
  const date = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);
  const productName = (price: StripeObject) => store.products.get(price.product)?.name ?? price.product;

  function render(session: StripeObject, message?: string, error?: string) {
    const customer = store.customers.get(session.customer);
    const subscriptions = [...store.subscriptions.values()].filter((s) => s.customer === session.customer && billing.isLive(s));
    const plans = [...store.prices.values()].filter((p) => p.active && p.type === 'recurring' && p.recurring.usage_type !== 'metered' && store.products.get(p.product)?.active);
    const card = store.cards.get(session.customer);
    const action = (name: string) => `/portal/${escapeHtml(session.id)}/${name}`;
    const sections = subscriptions.map((s) => {
      const item = s.items.data.find((i: StripeObject) => i.price.recurring?.usage_type !== 'metered') ?? s.items.data[0];
      const options = plans
        .filter((p) => p.currency === s.currency)
        .map((p) => `<option value="${escapeHtml(p.id)}"${p.id === item.price.id ? ' selected' : ''}>${escapeHtml(describePrice(p, productName(p)))}</option>`)
        .join('');
      const hidden = `<input type="hidden" name="subscription" value="${escapeHtml(s.id)}">`;
      return `<section data-subscription="${escapeHtml(s.id)}">
<h2>${escapeHtml(describePrice(item.price, productName(item.price)))}</h2>
<p>Status: <strong>${escapeHtml(s.status)}</strong>. ${s.cancel_at_period_end ? `Cancels on ${date(item.current_period_end)}.` : `Renews on ${date(item.current_period_end)}.`}</p>
${s.status === 'past_due' ? '<p class="error">The last payment failed. Replace your card below to pay the open invoice.</p>' : ''}
<form method="post" action="${action('change-plan')}">${hidden}<label>Plan <select name="price">${options}</select></label> <button type="submit">Change plan</button></form>
${
  s.cancel_at_period_end
    ? `<form method="post" action="${action('resume')}" class="inline">${hidden}<button type="submit">Resume subscription</button></form>`
    : `<form method="post" action="${action('cancel')}" class="inline">${hidden}<button type="submit">Cancel subscription</button></form>`
}
</section>`;
    });
    const body = `
<h1>Billing for ${escapeHtml(customer?.email ?? customer?.name ?? session.customer)}</h1>
${message ? `<p class="notice" role="status">${escapeHtml(message)}</p>` : ''}
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
${sections.join('\n') || '<p>No active subscription.</p>'}
<h2>Payment method</h2>
<p>${card ? `Card ending in ${escapeHtml(card.last4)}` : 'No card on file.'}</p>
<form method="post" action="${action('card')}"><label>New card number <input name="card_number" inputmode="numeric" required></label> <button type="submit">Replace card</button></form>
${session.return_url ? `<p><a href="${escapeHtml(session.return_url)}">Return to the app</a></p>` : ''}`;
    return htmlResponse(error ? 402 : 200, 'Billing portal', body);
  }

  /** Runs a portal action on one of the session customer's live subscriptions, then shows the portal again. */
  function onSubscription(session: StripeObject, form: StripeObject, act: (subscription: StripeObject) => string | { error: string }) {
    const subscription = store.subscriptions.get(form.subscription);
    if (!subscription || subscription.customer !== session.customer || !billing.isLive(subscription)) return render(session, undefined, 'No such subscription.');
    const before = structuredClone(subscription);
    const outcome = store.withEventsAfter(
      () => act(subscription),
      () => store.emitUpdated('customer.subscription.updated', before, subscription),
    );
    return typeof outcome === 'string' ? redirect(`/portal/${session.id}?message=${encodeURIComponent(outcome)}`) : render(session, undefined, outcome.error);
  }

  const sessionFor = (id: string) => store.portalSessions.get(id);
  const notFound = () => htmlResponse(404, 'Billing portal', '<p>No such portal session.</p>');
  return [
    {
      method: 'GET',
      pattern: '/portal/:id',
      handle: ({ id }, _form, query) => {
        const session = sessionFor(id!);
        return session ? render(session, query.get('message') ?? undefined) : notFound();
      },
    },
    {
      method: 'POST',
      pattern: '/portal/:id/change-plan',
      handle: ({ id }, form) => {
        const session = sessionFor(id!);
        if (!session) return notFound();
        return onSubscription(session, form, (subscription) => {
          const price = store.prices.get(form.price);
          if (!price || !price.active || price.type !== 'recurring') return { error: 'Choose one of the listed plans.' };
          if (subscription.schedule) return { error: 'This subscription has a scheduled change; it cannot be changed here.' };
          const item = subscription.items.data.find((i: StripeObject) => i.price.recurring?.usage_type !== 'metered') ?? subscription.items.data[0];
          if (item.price.id === price.id) return 'Your plan is unchanged.';
          billing.changeItems(subscription, [{ id: item.id, price }], 'create_prorations');
          return `Your plan is now ${describePrice(price, productName(price))}.`;
        });
      },
    },
    {
      method: 'POST',
      pattern: '/portal/:id/cancel',
      handle: ({ id }, form) => {
        const session = sessionFor(id!);
        if (!session) return notFound();
        return onSubscription(session, form, (subscription) => {
          if (subscription.schedule) return { error: 'This subscription has a scheduled change; it cannot be canceled here.' };
          billing.setCancelAtPeriodEnd(subscription, true);
          return `Your subscription will be canceled on ${date(subscription.cancel_at)}.`;
        });
      },
    },
    {
      method: 'POST',
      pattern: '/portal/:id/resume',
      handle: ({ id }, form) => {
        const session = sessionFor(id!);
        if (!session) return notFound();
        return onSubscription(session, form, (subscription) => {
          billing.setCancelAtPeriodEnd(subscription, false);
          return 'Your subscription will continue.';
        });
      },
    },
    {
      method: 'POST',
      pattern: '/portal/:id/card',
      handle: ({ id }, form) => {
        const session = sessionFor(id!);
        if (!session) return notFound();
        const card = testCard(form.card_number);
        if (!card) return render(session, undefined, 'Your card number is not a Stripe test card. Use 4242 4242 4242 4242.');
        if (card.outcome === 'declined') return render(session, undefined, 'Your card was declined.');
        const paymentMethod = newId('pm');
        store.cards.set(session.customer, { paymentMethod, last4: card.last4, behavior: card.outcome === 'fails_later' ? 'fails_later' : 'succeeds' });
        store.customers.get(session.customer)!.invoice_settings.default_payment_method = paymentMethod;
        // A new card pays what is still open, which brings a past_due subscription back to active.
        const open = [...store.invoices.values()].filter((i) => i.customer === session.customer && i.status === 'open');
        const paid = open.filter((invoice) => billing.payOpenInvoice(invoice, true));
        const total = paid.reduce((sum, invoice) => sum + invoice.amount_paid, 0);
        const message = paid.length ? `Card saved. Paid ${formatMoney(total, paid[0]!.currency)} of open invoices.` : 'Card saved.';
        return redirect(`/portal/${session.id}?message=${encodeURIComponent(message)}`);
      },
    },
  ];
}
