import { PageHeader } from '../../components/PageHeader';

export function CheckoutReturnPage() {
  return <PageHeader title="Finishing your subscription" />;
}
