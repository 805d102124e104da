import { PageHeader } from '../../components/PageHeader';

export function OrganizationPage() {
  return <PageHeader title="Organization" />;
}
