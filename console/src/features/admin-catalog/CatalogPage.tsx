import { PageHeader } from '../../components/PageHeader';

export function CatalogPage() {
  return <PageHeader title="Catalog" />;
}
