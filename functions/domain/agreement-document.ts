import type { AgreementAdditions } from '../db/schema';
import type { TemplateContent } from '../validation/template';

// A document is a list of blocks. The page renders the blocks; the canonical text that is hashed
// and signed is made from the same blocks, so what is shown is exactly what is signed.
export type Block =
  | { kind: 'heading'; level: 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'facts'; items: [string, string][] }
  | { kind: 'list'; items: string[] };

const sideLabel = { skola: 'Skolan', stadsdel: 'Stadsdelsförvaltningen' } as const;

function meetingBlocks(t: TemplateContent, notes: Record<string, string> | null): Block[] {
  const name = new Map(t.requiredFunctions.map((f) => [f.id, f.name]));
  return t.meetings.flatMap((m): Block[] => [
    { kind: 'heading', level: 3, text: m.area },
    {
      kind: 'facts',
      items: [
        ['Syfte', m.purpose],
        ['Hur ofta', m.frequency],
        ['Kallar', m.convenedBy],
        ['Deltar', m.participants.map((p) => name.get(p) ?? p).join(', ')],
        ['Enskilda ärenden', m.individualCases ? 'Kan tas upp vid behov' : 'Nej, aldrig'],
        ...(notes ? ([['Lokal plan', notes[m.id]?.trim() || 'Enligt mallen']] as [string, string][]) : []),
      ],
    },
  ]);
}

function bodyBlocks(t: TemplateContent, additions: AgreementAdditions | null): Block[] {
  return [
    { kind: 'heading', level: 2, text: 'Parter' },
    { kind: 'facts', items: t.parties.map((p) => [sideLabel[p.role], p.description]) },
    ...t.sections.flatMap((s, i): Block[] => [
      { kind: 'heading', level: 2, text: `${i + 1}. ${s.heading}` },
      { kind: 'paragraph', text: s.text },
      ...(s.localAddition
        ? [
            additions
              ? ({ kind: 'facts', items: [[s.localAddition.label, additions.sections[s.id]?.trim() ?? '']] } as Block)
              : ({
                  kind: 'facts',
                  items: [[`Lokalt tillägg: ${s.localAddition.label}`, s.localAddition.hint]],
                } as Block),
          ]
        : []),
    ]),
    { kind: 'heading', level: 2, text: 'Möten' },
    ...meetingBlocks(t, additions?.meetings ?? null),
    { kind: 'heading', level: 2, text: 'Funktioner som ska delta' },
    ...(['skola', 'stadsdel'] as const).flatMap((side): Block[] => [
      { kind: 'heading', level: 3, text: sideLabel[side] },
      { kind: 'list', items: t.requiredFunctions.filter((f) => f.side === side).map((f) => f.name) },
    ]),
    { kind: 'heading', level: 2, text: 'Uppföljning' },
    {
      kind: 'facts',
      items: [
        ['Hur ofta', t.followUp.frequency],
        ['Ansvarig', t.followUp.responsible],
      ],
    },
    { kind: 'list', items: t.followUp.questions },
  ];
}

/** The template version itself, as published. */
export function templateBlocks(t: TemplateContent): Block[] {
  return [{ kind: 'heading', level: 2, text: `${t.title}, version ${t.version}` }, ...bodyBlocks(t, null)];
}

export type AgreementParties = {
  schoolName: string;
  schoolUnitCode: string;
  organizerName: string;
  organizerOrgNumber: string;
  districtName: string;
};

/** One school's agreement: the template with the parties and the school's local additions. */
export function agreementBlocks(t: TemplateContent, parties: AgreementParties, additions: AgreementAdditions): Block[] {
  return [
    { kind: 'heading', level: 2, text: `${t.title}` },
    {
      kind: 'facts',
      items: [
        ['Skola', `${parties.schoolName} (skolenhetskod ${parties.schoolUnitCode})`],
        ['Huvudman', `${parties.organizerName} (${parties.organizerOrgNumber})`],
        ['Stadsdelsförvaltning', parties.districtName],
        ['Mall', `version ${t.version}`],
      ],
    },
    ...bodyBlocks(t, additions),
  ];
}

/** The canonical text: one line per block element, fixed markers, normalised Unicode. */
export function blocksToText(blocks: Block[]): string {
  const lines = blocks.flatMap((b) => {
    switch (b.kind) {
      case 'heading':
        return [`${'#'.repeat(b.level)} ${b.text}`];
      case 'paragraph':
        return [b.text];
      case 'facts':
        return b.items.map(([k, v]) => `${k}: ${v}`);
      case 'list':
        return b.items.map((item) => `- ${item}`);
    }
  });
  return `${lines.map((l) => l.normalize('NFC').replace(/\r\n?/g, '\n')).join('\n')}\n`;
}
