import { PageHeader } from '../../components/PageHeader';

export function CreditsPage() {
  return <PageHeader title="Credits" />;
}
