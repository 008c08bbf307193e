import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, loadTaxonomy, TaxonomyError } from '../../src/skills/taxonomy.js';
import { loadRoleTaxonomy } from '../../src/roles/taxonomy.js';
import { aliasKey } from '../../src/roles/words.js';

// The ids of the first commit of the taxonomy (cb6010f): never renamed or removed.
const FIRST_IDS: readonly string[] = ['accessibility-specialist', 'agile-coach', 'ai-architect', 'ai-consultant', 'ai-engineer', 'ai-trainer', 'analytics-engineer', 'android-developer', 'application-security-engineer', 'application-support-analyst', 'aws-architect', 'aws-engineer', 'azure-architect', 'azure-engineer', 'backend-developer', 'bi-analyst', 'bi-developer', 'blockchain-developer', 'business-analyst', 'chief-information-security-officer', 'cloud-architect', 'cloud-consultant', 'cloud-engineer', 'cloud-security-architect', 'cloud-security-engineer', 'cms-developer', 'computer-vision-engineer', 'cpp-developer', 'crm-consultant', 'data-analyst', 'data-architect', 'data-centre-technician', 'data-engineer', 'data-governance-analyst', 'data-migration-analyst', 'data-protection-officer', 'data-scientist', 'database-administrator', 'database-developer', 'delivery-manager', 'detection-engineer', 'developer-advocate', 'devops-architect', 'devops-engineer', 'devsecops-engineer', 'dotnet-developer', 'dynamics-365-consultant', 'dynamics-365-developer', 'e-commerce-developer', 'embedded-software-engineer', 'end-user-computing-engineer', 'engineering-manager', 'enterprise-architect', 'erp-consultant', 'etl-developer', 'finops-analyst', 'flutter-developer', 'frontend-developer', 'full-stack-developer', 'game-developer', 'gcp-engineer', 'go-developer', 'grc-analyst', 'guidewire-developer', 'hpc-engineer', 'iam-engineer', 'incident-responder', 'information-security-officer', 'infrastructure-architect', 'infrastructure-engineer', 'integration-developer', 'ios-developer', 'it-auditor', 'it-consultant', 'it-manager', 'it-operations-engineer', 'it-service-manager', 'it-support-analyst', 'it-trainer', 'java-developer', 'kubernetes-engineer', 'linux-administrator', 'low-code-developer', 'machine-learning-engineer', 'mainframe-developer', 'mainframe-systems-programmer', 'microsoft-365-engineer', 'mlops-engineer', 'mobile-developer', 'network-administrator', 'network-architect', 'network-automation-engineer', 'network-engineer', 'network-security-engineer', 'nlp-engineer', 'noc-engineer', 'node-js-developer', 'oracle-consultant', 'pega-developer', 'penetration-tester', 'performance-test-engineer', 'php-developer', 'platform-engineer', 'pmo-analyst', 'power-platform-developer', 'pre-sales-engineer', 'product-manager', 'product-owner', 'programme-manager', 'project-manager', 'prompt-engineer', 'python-developer', 'qa-engineer', 'quantitative-analyst', 'quantitative-developer', 'react-native-developer', 'release-engineer', 'release-manager', 'release-train-engineer', 'research-scientist', 'robotics-engineer', 'rpa-developer', 'ruby-on-rails-developer', 'rust-developer', 'salesforce-administrator', 'salesforce-architect', 'salesforce-consultant', 'salesforce-developer', 'sap-abap-developer', 'sap-architect', 'sap-basis-administrator', 'sap-bw-consultant', 'sap-consultant', 'sap-fico-consultant', 'sap-hcm-consultant', 'sap-logistics-consultant', 'sap-security-consultant', 'scala-developer', 'scrum-master', 'security-analyst', 'security-architect', 'security-consultant', 'security-engineer', 'security-researcher', 'service-delivery-manager', 'servicenow-consultant', 'servicenow-developer', 'site-reliability-engineer', 'soc-analyst', 'soc-manager', 'software-architect', 'software-engineer', 'solutions-architect', 'storage-engineer', 'systems-administrator', 'systems-analyst', 'technical-support-engineer', 'technical-writer', 'telecoms-engineer', 'test-automation-engineer', 'test-manager', 'threat-intelligence-analyst', 'ui-designer', 'ux-designer', 'virtualisation-engineer', 'voice-engineer', 'vulnerability-analyst', 'web-developer', 'windows-administrator', 'wireless-network-engineer', 'wordpress-developer', 'workday-consultant']; // prettier-ignore

/** A taxonomy folder holding the given files. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'roles-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('the role taxonomy', () => {
  const skills = loadTaxonomy();
  const taxonomy = loadRoleTaxonomy(undefined, { skillIds: skills.byId });

  it('holds about 150 IT roles in the categories of the skill taxonomy', () => {
    expect(taxonomy.roles.length).toBeGreaterThanOrEqual(140);
    expect(taxonomy.roles.length).toBeLessThanOrEqual(200);
    const categories = new Set(taxonomy.roles.map((r) => r.category));
    expect([...categories].sort()).toEqual([...CATEGORIES].sort());
  });

  it('keeps every role id it was first committed with: ids are keys of labels and stored data', () => {
    const missing = FIRST_IDS.filter((id) => !taxonomy.byId.has(id));
    expect(missing).toEqual([]);
  });

  it('keeps the role ids the labelled titles use', () => {
    for (const id of [
      'cloud-security-engineer',
      'penetration-tester',
      'soc-analyst',
      'data-engineer',
      'platform-engineer',
      'sap-consultant',
      'devsecops-engineer',
      'site-reliability-engineer',
      'frontend-developer',
      'backend-developer',
      'full-stack-developer',
      'mobile-developer',
      'data-scientist',
      'machine-learning-engineer',
      'qa-engineer',
      'scrum-master',
      'project-manager',
      'business-analyst',
      'solutions-architect',
      'network-engineer',
      'database-administrator',
      'dotnet-developer',
      'cpp-developer',
      'node-js-developer',
    ]) {
      // prettier-ignore
      expect(taxonomy.byId.has(id), id).toBe(true);
    }
  });

  it('gives every alias, in its canonical words, to one role only', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const role of taxonomy.roles) {
      for (const alias of role.aliases) {
        const key = aliasKey(alias);
        const other = owner.get(key);
        if (other !== undefined && other !== role.id) clashes.push(`${key}: ${other}, ${role.id}`);
        owner.set(key, role.id);
      }
    }
    expect(clashes).toEqual([]);
    for (const phrase of taxonomy.notIt)
      expect(owner.get(aliasKey(phrase)), phrase).toBeUndefined();
  });

  it('names core skills the skill taxonomy has, and some for every role', () => {
    const unknown = taxonomy.roles.flatMap((r) =>
      r.skills.filter((s) => !skills.byId.has(s)).map((s) => `${r.id}: ${s}`),
    );
    expect(unknown).toEqual([]);
    expect(taxonomy.roles.filter((r) => r.skills.length === 0).map((r) => r.id)).toEqual([]);
  });

  it('reads the one-line form, and derives ids as skills do', () => {
    const dir = folder({
      'web.yaml':
        'category: web\nroles:\n  - .NET Developer | c# dev\n  - name: UX Designer\n    id: ux\n',
    });
    const roles = loadRoleTaxonomy(dir);
    expect(roles.roles.map((r) => [r.id, r.aliases])).toEqual([
      ['dotnet-developer', ['.NET Developer', 'c# dev']],
      ['ux', ['UX Designer']],
    ]);
    expect(roles.notIt).toEqual([]);
  });

  it('stops with the file and role of an alias two roles claim', () => {
    const dir = folder({
      'devops.yaml': 'category: devops\nroles:\n  - SRE Engineer | site reliability eng\n',
      'cloud.yaml': 'category: cloud\nroles:\n  - Cloud Engineer | Site-Reliability Engineer\n',
    });
    expect(() => loadRoleTaxonomy(dir)).toThrow(TaxonomyError);
    expect(() => loadRoleTaxonomy(dir)).toThrow(
      /devops\.yaml: role 1 "SRE Engineer": alias "site reliability eng" \(as "site reliability engineer"\) is also an alias of "cloud-engineer" \(cloud\.yaml role "Cloud Engineer"\)/,
    );
  });

  it('stops at an unknown category, a repeated id, a core skill the skills lack, a not-IT phrase that is an alias', () => {
    expect(() => loadRoleTaxonomy(folder({ 'x.yaml': 'category: sales\nroles: [Seller]\n' }))).toThrow(/x\.yaml: category/);
    expect(() => loadRoleTaxonomy(folder({ 'web.yaml': 'category: web\nroles: [Web Dev, web-dev | webdev]\n' }))).toThrow(/role 2 "web-dev": id "web-dev" is also web\.yaml role 1/);
    expect(() =>
      loadRoleTaxonomy(folder({ 'web.yaml': 'category: web\nroles:\n  - name: Web Dev\n    skills: [cobol-on-wheels]\n' }), { skillIds: skills.byId }),
    ).toThrow(/role 1 "Web Dev": core skill "cobol-on-wheels" is not in the skill taxonomy/);
    expect(() =>
      loadRoleTaxonomy(folder({ 'web.yaml': 'category: web\nroles: [Web Developer]\n', 'not-it.yaml': 'phrases: [web dev]\n' })),
    ).toThrow(/not-it\.yaml: phrase "web dev" is an alias of "web-developer"/);
    expect(() => loadRoleTaxonomy(folder({ 'web.yaml': 'category: web\nroles: [\n' }))).toThrow(/web\.yaml: not valid YAML/);
  }); // prettier-ignore
});
