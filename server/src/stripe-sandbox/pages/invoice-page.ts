import { formatMoney } from '../billing-periods';
import type { PageRoute } from '../sandbox-routes';
import type { SandboxStore, StripeObject } from '../sandbox-store';
import { escapeHtml, htmlResponse } from './html';

/** The hosted invoice page and its PDF (`hosted_invoice_url`, `invoice_pdf`). */
export function invoicePages(store: SandboxStore): PageRoute[] {
  return [
    {
      method: 'GET',
      pattern: '/invoices/:id',
      handle: ({ id }) => {
        const invoice = store.invoices.get(id!);
        if (!invoice) return htmlResponse(404, 'Invoice', '<p>No such invoice.</p>');
        const rows = (invoice.lines.data as StripeObject[])
          .map((line) => `<tr><td>${escapeHtml(line.description)}</td><td>${escapeHtml(formatMoney(line.amount, invoice.currency))}</td></tr>`)
          .join('');
        return htmlResponse(
          200,
          `Invoice ${invoice.number}`,
          `<h1>Invoice ${escapeHtml(invoice.number)}</h1>
<p>Status: <strong>${escapeHtml(invoice.status)}</strong></p>
<table><tr><th>Description</th><th>Amount</th></tr>${rows}</table>
<p>Amount due: ${escapeHtml(formatMoney(invoice.amount_due, invoice.currency))} · paid: ${escapeHtml(formatMoney(invoice.amount_paid, invoice.currency))} · remaining: ${escapeHtml(formatMoney(invoice.amount_remaining, invoice.currency))}</p>
<p><a href="${escapeHtml(invoice.invoice_pdf)}">Download PDF</a></p>`,
        );
      },
    },
    {
      method: 'GET',
      pattern: '/invoices/:id/pdf',
      handle: ({ id }) => {
        const invoice = store.invoices.get(id!);
        if (!invoice) return htmlResponse(404, 'Invoice', '<p>No such invoice.</p>');
        const lines = [
          `Invoice ${invoice.number}`,
          `Status: ${invoice.status}`,
          ...(invoice.lines.data as StripeObject[]).map((line) => `${line.description}: ${formatMoney(line.amount, invoice.currency)}`),
          `Amount due: ${formatMoney(invoice.amount_due, invoice.currency)}`,
          `Amount paid: ${formatMoney(invoice.amount_paid, invoice.currency)}`,
        ];
        return {
          status: 200,
          headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${invoice.number}.pdf"` },
          body: minimalPdf(lines),
        };
      },
    },
  ];
}

/** A one-page PDF of text lines (Helvetica), enough for a download link that opens. */
export function minimalPdf(lines: string[]): Buffer {
  const text = (s: string) => s.replace(/[^\x20-\x7e]/g, (c) => (c === '×' ? 'x' : '?')).replace(/([\\()])/g, '\\$1');
  const content = `BT /F1 12 Tf 72 740 Td 16 TL ${lines.map((line) => `(${text(line)}) '`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf);
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
