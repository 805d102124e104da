import { PageHeader } from '../../components/PageHeader';

export function PricingPage() {
  return <PageHeader title="Plans" />;
}
