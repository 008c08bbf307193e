import { json, type DriftKind } from '../../helpers/drift.js';

export const kinds: readonly DriftKind[] = [
  {
    name: 'Freelancer active projects',
    source: 'freelancer',
    files: /^projects-active/,
    paths: ['/freelancer/api/projects/0.1/projects/active/?query=software&limit=20'],
    parts: (body) => {
      const { result, ...wrapper } = json(body) as { result: Record<string, unknown> };
      const { projects, ...rest } = result;
      return { wrapper: [wrapper], result: [rest], projects: projects as unknown[] };
    },
  },
];
