import { describe, expect, it } from 'vitest';
import { groupUnknownTitles } from '../../src/roles/unknown.js';

const posting = (title: string, skills: string[] = []) => ({ title, skills });

describe('groupUnknownTitles', () => {
  const postings = [
    posting('Senior Kafka Wrangler (Remote)', ['apache-kafka', 'java']),
    posting('Kafka Wrangler - Contract, Outside IR35', ['apache-kafka', 'scala']),
    posting('Junior Kafka Wrangler (m/w/d)', ['apache-kafka']),
    posting('Kafka Wrangler at Streamy Ltd', ['apache-kafka', 'java']),
    posting('Prompt Gardener | London', ['prompt-engineering']),
    posting('Lead Prompt Gardener', ['prompt-engineering', 'python']),
    posting('Quantum Whisperer', ['python']),
    posting('Zoho Whisperer', ['zoho']),
    posting('zoho whisperers (remote)', ['zoho', 'crm']),
    posting('Senior DevOps Engineer', ['kubernetes']),
    posting('Electrical Engineer', ['autocad']),
    posting('Electrical Engineer (m/w/d)', ['autocad']),
  ];
  const { groups, postings: read, unknown } = groupUnknownTitles(postings);

  it('groups titles no role matched by their words, without level, noise or company', () => {
    expect(groups.map((g) => [g.words, g.postings])).toEqual([
      ['kafka wrangler', 4],
      ['prompt gardener', 2],
      // Its skills give it a role, but its title names none: a candidate still.
      ['zoho whisperer', 2],
    ]);
    expect(read).toBe(12);
    // Neither the DevOps engineer (a role) nor the electrical engineers (another trade).
    expect(unknown).toBe(9);
  });

  it('lists the skills the group shares, with the share of its postings asking', () => {
    const kafka = groups[0];
    expect(kafka?.skills).toEqual([
      { skill: 'apache-kafka', share: 1 },
      { skill: 'java', share: 0.5 },
      { skill: 'scala', share: 0.25 },
    ]);
    expect(kafka?.titles).toHaveLength(3);
    expect(kafka?.titles).toContain('Kafka Wrangler at Streamy Ltd');
  });

  it('reads past a rank to what the post is about, and leaves places out', () => {
    const more = groupUnknownTitles([
      posting('Assistant Manager - Taxation', ['sap']),
      posting('Assistant Manager – Taxation (Hybrid)', []),
      posting('Assistant Manager - Ops', []),
      posting('CCM-Coimbatore (Tamilnadu)', []),
      posting('CCM - Kochi (Kerala)', []),
      posting('CCM Berlin', []),
    ]);
    expect(more.groups.map((g) => [g.words, g.postings])).toEqual([
      ['ccm', 3],
      ['assistant manager taxation', 2],
    ]);
    // The caller's place test replaces the gazetteer's.
    const own = groupUnknownTitles([posting('CCM Berlin'), posting('CCM Kochi')], { isPlace: () => false });
    expect(own.groups).toEqual([]);
  }); // prettier-ignore

  it('keeps to the limits it is given', () => {
    const few = groupUnknownTitles(postings, { minPostings: 1, limit: 2, examples: 1, skills: 1, minSkillShare: 0.6 });
    expect(few.groups.map((g) => g.words)).toEqual(['kafka wrangler', 'prompt gardener']);
    expect(groupUnknownTitles(postings).groups.find((g) => g.words === 'zoho whisperer')?.titles).toEqual(['Zoho Whisperer', 'zoho whisperers (remote)']);
    expect(few.groups[0]?.titles).toHaveLength(1);
    expect(few.groups[0]?.skills).toEqual([{ skill: 'apache-kafka', share: 1 }]);
    expect(few.groups[1]?.skills).toEqual([{ skill: 'prompt-engineering', share: 1 }]);
    expect(groupUnknownTitles(postings, { minPostings: 1 }).groups.map((g) => g.words)).toContain('quantum whisperer');
  }); // prettier-ignore
});
