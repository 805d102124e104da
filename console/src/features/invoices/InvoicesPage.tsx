import { PageHeader } from '../../components/PageHeader';

export function InvoicesPage() {
  return <PageHeader title="Invoices" />;
}
