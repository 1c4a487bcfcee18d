// What each signer affirms: the label of the box they tick and the text stored with their
// signature are this one sentence, so the evidence says exactly what the signer saw.
export const signatureStatements = {
  school: 'Jag har läst överenskommelsen och har rätt att ingå den för skolan.',
  district: 'Jag bekräftar överenskommelsen för stadsdelsförvaltningen.',
} as const;
