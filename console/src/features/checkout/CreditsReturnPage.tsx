import { PageHeader } from '../../components/PageHeader';

export function CreditsReturnPage() {
  return <PageHeader title="Finishing your purchase" />;
}
