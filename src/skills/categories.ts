import type { Category } from './taxonomy.js';

/**
 * The taxonomy's categories as readers name them; the ids (the taxonomy file names) stay
 * the keys of the trend tables and URLs. Kept apart from taxonomy.ts so the report and
 * the dashboard read the names without loading the taxonomy's parser.
 */
export const CATEGORY_NAMES: Readonly<Record<Category, string>> = {
  cybersecurity: 'Cybersecurity',
  cloud: 'Cloud',
  data: 'Data',
  'ai-ml': 'AI and machine learning',
  devops: 'DevOps',
  'software-engineering': 'Software engineering',
  web: 'Web',
  mobile: 'Mobile',
  networking: 'Networking',
  infrastructure: 'Infrastructure',
  testing: 'Testing and QA',
  'erp-crm': 'ERP and CRM',
  delivery: 'Delivery and agile',
};

/** A category's name; an id the taxonomy no longer holds is shown as it is. */
export function categoryName(id: string): string {
  return Object.hasOwn(CATEGORY_NAMES, id) ? CATEGORY_NAMES[id as Category] : id;
}
