// A Swedish personnummer or samordningsnummer (day + 60) as people write it: (YY)YYMMDD and four
// digits. Spaces or dots may stand between the pairs of digits (12 03 15, 12.03.15, 12 34), and
// a hyphen, plus or any dash before the last four. Nowhere else: "070-123 45 67" and
// "08-508 000 00" are phone numbers, and an organisation number (third digit 2 or more) never
// has a month there.
const pair = '[\\s.]{0,2}';
const beforeLastFour = '[\\s.+\\-\\u2010-\\u2015\\u2212]{0,3}';
const personalNumber = new RegExp(
  `(?<!\\d)(?:(?:19|20)${pair})?\\d{2}${pair}(?:0[1-9]|1[0-2])${pair}(?:0[1-9]|[12]\\d|3[01]|6[1-9]|[78]\\d|9[01])${beforeLastFour}\\d{2}${pair}\\d{2}(?!\\d)`,
);

/** Whether a text holds something that reads as a personnummer; NFKC first, so full-width digits count. */
export const containsPersonalNumber = (text: string) => personalNumber.test(text.normalize('NFKC'));
