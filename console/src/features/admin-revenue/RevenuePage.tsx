import { PageHeader } from '../../components/PageHeader';

export function RevenuePage() {
  return <PageHeader title="Revenue & health" />;
}
