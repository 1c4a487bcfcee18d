// Every user-facing sentence the server produces, in one place (Swedish).
import { cityFacts } from './config/city';

export const messages = {
  errors: {
    DB_UNAVAILABLE: 'Databasen svarar inte just nu. Försök igen om en stund.',
    NOT_CONFIGURED: 'Portalen är inte i drift just nu. Försök igen senare.',
    NOT_FOUND: 'Sidan eller resursen finns inte.',
    METHOD_NOT_ALLOWED: 'Sidan kan bara visas, inte ta emot formulär. Gå tillbaka och försök igen från formuläret.',
    BAD_REQUEST: 'Begäran kunde inte tolkas.',
    VALIDATION: 'Uppgifterna behöver rättas. Se meddelandena vid fälten.',
    UNKNOWN_FIELDS: 'Formuläret innehöll fält som inte hör dit. Ladda om sidan och fyll i formuläret igen.',
    PAYLOAD_TOO_LARGE: 'Det du skickade var för stort. Korta texterna och försök igen.',
    UNSUPPORTED_MEDIA_TYPE: 'Formuläret skickades i ett format som portalen inte tar emot.',
    CSRF_FAILED: 'Formuläret har gått ut eller kom inte från portalen. Ladda om sidan och försök igen.',
    RATE_LIMITED: 'Du har gjort för många försök på kort tid. Vänta en kvart och försök igen.',
    TOKEN_INVALID:
      'Inloggningslänken fungerar inte. Den kan redan ha använts, vara äldre än 15 minuter eller vara felaktig. Begär en ny länk.',
    UNAUTHENTICATED: 'Du behöver logga in för att se sidan.',
    FORBIDDEN: 'Du har inte behörighet till det här.',
    DUPLICATE_SCHOOL: 'Skolenheten är redan registrerad i portalen.',
    TEMPLATE_PUBLISHED:
      'Den versionen av mallen är redan publicerad. En publicerad version ändras aldrig; publicera en ny version med högre nummer.',
    SCHOOL_NOT_VERIFIED: 'Skolan är inte bekräftad ännu. Rektor behöver först logga in med länken i e-postmeddelandet.',
    NO_TEMPLATE: 'Det finns ingen publicerad mall för överenskommelsen ännu.',
    AGREEMENT_OPEN: 'Skolan har redan en överenskommelse som inte är klar. Fortsätt med den.',
    AGREEMENT_ORDER: 'Det går inte i den här ordningen: överenskommelsen är inte i ett läge där det kan göras.',
    NOT_SIGNED_BY_SCHOOL: 'Skolan har inte skrivit under överenskommelsen ännu, så den kan inte bekräftas.',
    ALREADY_CONFIRMED: 'Överenskommelsen är redan bekräftad.',
    ALREADY_RETURNED:
      'Överenskommelsen har redan skickats tillbaka till skolan. Den kan bekräftas först när skolan har skrivit under igen.',
    AGREEMENT_CHANGED:
      'Överenskommelsen har ändrats av någon annan medan du arbetade med den. Ladda om sidan och se hur den ser ut nu.',
    ADDITIONS_MISSING: 'Alla lokala tillägg måste vara ifyllda innan överenskommelsen kan skrivas under.',
    BOTH_SIDES: 'Samma person kan inte företräda både skolan och stadsdelsförvaltningen i en överenskommelse.',
    CITY_ROLE_CONFLICT:
      'Adressen tillhör en handläggare eller samordnare hos staden. Samma person kan inte företräda både skolan och staden, så den kan inte bli skolans rektor.',
    SCHOOL_ROLE_CONFLICT:
      'Adressen tillhör rektor eller funktionsadress för en skola i portalen. Samma person kan inte företräda både en skola och staden.',
    DISTRICT_SLUG_TAKEN: 'Det finns redan en stadsdel med det kortnamnet.',
    DISTRICT_DATES: 'Sista dagen kan inte vara före stadsdelens första dag.',
    ALREADY_OFFICER: 'Personen är redan handläggare för stadsdelen. Ingen ny inbjudan har skickats.',
    ALREADY_COORDINATOR: 'Personen är redan samordnare. Ingen ny inbjudan har skickats.',
    NO_ROLE_LEFT:
      'Du har inte längre behörighet i Samverkansportalen, så länken loggar inte in dig. Behöver du komma åt portalen igen? Kontakta stadens samordnare för Samverkansportalen.',
    NOT_INVITED:
      'Ditt konto i Stockholms stad är inte inbjudet till Samverkansportalen. Handläggare och samordnare måste först bjudas in av stadens samordnare för Samverkansportalen. Kontakta samordnaren och be om en inbjudan till den e-postadress du har i stadens konto.',
    ROLE_REMOVED:
      'Du har inte längre behörighet i Samverkansportalen, så du blir inte inloggad. Behöver du komma åt portalen igen? Kontakta stadens samordnare för Samverkansportalen.',
    CITY_SIGN_IN_FAILED:
      'Inloggningen med stadens konto gick inte att slutföra. Den kan ha tagit för lång tid, redan ha använts eller ha avbrutits. Gå till sidan Logga in och försök igen.',
    CITY_ACCOUNT_UNAVAILABLE: 'Stadens inloggningstjänst svarar inte just nu. Försök igen om en stund.',
    CHANGED_MEANWHILE:
      'Uppgifterna har ändrats av någon annan medan du arbetade med dem. Ladda om sidan och försök igen.',
    HANDOVER_SAME_PRINCIPAL: 'Det är redan den adressen som är skolans rektor.',
    HANDOVER_INVALID:
      'Bytet av rektor gäller inte längre. Det kan ha avbrutits, redan ha genomförts eller vara äldre än 7 dagar.',
    DOCUMENT_CHANGED: 'Överenskommelsen har ändrats sedan du granskade den. Granska den igen innan du skriver under.',
    PRINCIPAL_ONLY:
      'Bara skolans rektor kan skriva under överenskommelsen, byta rektor eller ändra skolans funktionsadress.',
    FOLLOW_UP_CLOSED: 'Uppföljningen är redan inskickad och kan inte ändras.',
    NO_FOLLOW_UP: 'Bara en bekräftad överenskommelse följs upp.',
    MAIL_HANDLED: 'Meddelandet har redan skickats, köats om eller tagits bort. Sidan visar hur det ser ut nu.',
    UNIT_UNKNOWN:
      'Skolverkets skolenhetsregister har ingen skolenhet med den koden. Kontrollera siffrorna mot registret.',
    UNIT_CLOSED:
      'Skolenheten är inte aktiv i Skolverkets skolenhetsregister: den har lagts ned eller är vilande. Bara aktiva skolenheter kan registreras.',
    UNIT_OTHER_MUNICIPALITY:
      'Skolenheten ligger i en annan kommun än Stockholm enligt Skolverkets skolenhetsregister. Portalen är till för skolor i Stockholms kommun.',
    UNIT_NOT_INDEPENDENT:
      'Skolenheten har ingen enskild huvudman enligt Skolverkets skolenhetsregister, så den är inte en fristående skola. Stadens kommunala skolor finns redan i portalen och behöver inte registreras.',
    UNIT_IN_NETWORK: 'Skolenheten är redan registrerad i portalen. Ingen inbjudan har skickats.',
    UNIT_NO_EMAIL:
      'Skolverkets skolenhetsregister har ingen e-postadress till skolenheten, så ingen inbjudan kan skickas. Kontakta skolan på annat sätt.',
    UNIT_INVITED_RECENTLY:
      'Skolenheten har fått en inbjudan under de senaste 30 dagarna. Ingen ny inbjudan har skickats.',
    REGISTER_UNAVAILABLE:
      'Skolverkets skolenhetsregister svarar inte just nu, så registreringen kunde inte kontrolleras. Den finns kvar i listan. Försök igen om en stund.',
    REGISTRATION_CHECKED: 'Registreringen är redan kontrollerad mot Skolverkets register, eller finns inte längre.',
    INTERNAL: 'Något gick fel hos oss. Försök igen om en stund.',
  },
  health: {
    databaseDown: 'D1 svarar inte',
  },
  districts: {
    noContact: `Stadsdelsförvaltningen har ännu inte angett någon kontaktfunktion i portalen. Kontakta stadens växel, ${cityFacts.switchboard.value}, och fråga efter socialtjänstens mottagning för barn och unga.`,
  },
  openData: { description: 'Öppna data från Samverkansportalen. Fälten beskrivs på /oppna-data/.' },
  /** The words for each form field, as they appear inside messages ("Ange …"). */
  labels: {
    registration: {
      name: 'skolans namn',
      schoolUnitCode: 'skolenhetskod',
      organizerName: 'huvudmannens namn',
      organizerOrgNumber: 'huvudmannens organisationsnummer',
      forms: 'skolformer',
      streetAddress: 'besöksadress',
      postcode: 'postnummer',
      postalTown: 'postort',
      district: 'stadsdel',
      principalName: 'rektors namn',
      principalEmail: 'rektors e-postadress',
      contactEmail: 'funktionsadress för e-post',
      consent: 'bekräftelse att du har läst informationen om personuppgifter',
    },
    signInEmail: 'din e-postadress',
    officerName: 'handläggarens namn',
    officerEmail: 'handläggarens e-postadress',
    districtName: 'stadsdelens namn',
    contactFunction: 'kontaktfunktionens namn',
    contactEmail: 'funktionens e-postadress',
    contactHours: 'öppettider',
    newPrincipalName: 'den nya rektorns namn',
    newPrincipalEmail: 'den nya rektorns e-postadress',
    signerName: 'ditt fullständiga namn',
    comment: 'Kommentaren',
    worked: 'Vad som har fungerat',
    develop: 'Vad som behöver utvecklas',
    meetingPlan: (area: string) => `Lokal plan för ${area.toLocaleLowerCase('sv')}`,
  },
  fields: {
    required: (label: string) => `Ange ${label}`,
    tooLong: (label: string, max: number) => `${capitalize(label)} får vara högst ${max} tecken`,
    tooShort: (label: string, min: number) => `${capitalize(label)} måste vara minst ${min} tecken`,
    controlChars: (label: string) => `${capitalize(label)} innehåller tecken som inte är tillåtna`,
    wrongType: (label: string) => `${capitalize(label)} kunde inte läsas. Fyll i fältet igen`,
    schoolUnitCode: 'Skolenhetskoden ska vara 8 siffror, till exempel 12345678',
    orgNumberFormat: 'Organisationsnumret ska vara 10 siffror, till exempel 556677-8899',
    orgNumberThirdDigit:
      'Organisationsnumret ska ha en tvåa eller högre som tredje siffra (annars är det ett personnummer)',
    orgNumberChecksum: 'Organisationsnumret stämmer inte. Kontrollera siffrorna, den sista är en kontrollsiffra',
    postcode: 'Postnumret ska vara 5 siffror, till exempel 123 45',
    email: (label: string) => `Ange ${label} i rätt format, till exempel namn@skolan.se`,
    forms: 'Välj minst en skolform',
    district: 'Välj den stadsdel där skolan ligger',
    consent: 'Bekräfta att du har läst informationen om hur portalen behandlar personuppgifter',
    duplicateSchoolUnitCode: 'Skolenheten med den här koden är redan registrerad. Logga in för att se den',
    chooseDistrict: 'Välj stadsdel',
    districtSlug: 'Ange kortnamnet med små bokstäver a–z och bindestreck, 2–40 tecken, till exempel hagersten-alvsjo',
    districtSlugTaken: 'Det finns redan en stadsdel med det kortnamnet. Välj ett annat',
    districtValidFrom: 'Ange första dagen som ÅÅÅÅ-MM-DD, till exempel 2027-01-01',
    lastDay: 'Ange sista dagen som ÅÅÅÅ-MM-DD, eller lämna tomt',
    successor: 'Välj stadsdelen som tar över',
    otherSuccessor: 'Välj en annan stadsdel som tar över',
    sfs: 'SFS-nummer skrivs ÅÅÅÅ:NNN',
    lawRefCheck:
      'En lagrumshänvisning ska ange antingen när och mot vad den kontrollerades (verified) eller varför den inte kunde kontrolleras (unverified).',
    confirmRemoval: 'Handläggaren är inte borttagen. Tryck på ”Ja, ta bort” för att ta bort handläggarens behörighet',
    alreadyOfficer: (email: string, district: string) =>
      `${email} är redan handläggare för ${district}. Ingen ny inbjudan har skickats. Behöver hen en ny inloggningslänk kan hen begära den på sidan Logga in.`,
    cityRoleContact: 'Adressen tillhör en handläggare eller samordnare hos staden. Ange skolans egen funktionsadress',
    unknownSchool: 'Det finns ingen skola med den skolenhetskoden i portalen',
    functionEmail: 'Ange funktionens e-postadress i rätt format, till exempel mottagning@stockholm.se',
    phone: 'Ange telefonnumret med siffror, till exempel 08-508 000 00',
    personalNumber: (label: string) =>
      `${capitalize(label)} ser ut att innehålla ett personnummer. Portalen sparar inga personnummer, så ta bort det`,
  },
  agreement: {
    personalNumber:
      'Texten ser ut att innehålla ett personnummer. Skriv aldrig uppgifter om enskilda elever i överenskommelsen.',
    required: (label: string) => `Fyll i ${label.toLocaleLowerCase('sv')}`,
    tooLong: (label: string, max: number) => `${label} får vara högst ${max} tecken`,
    controlChars: (label: string) => `${label} innehåller tecken som inte är tillåtna`,
    fullName: 'Skriv ditt fullständiga namn, som du skriver under med',
    statement: 'Kryssa i att du har läst överenskommelsen och har rätt att skriva under den',
    confirmStatement: 'Kryssa i att du bekräftar överenskommelsen för stadsdelsförvaltningen',
    comment: 'Skriv vad skolan behöver ändra',
  },
  followUp: {
    held: (area: string) =>
      `Ange hur många möten om ${area.toLocaleLowerCase('sv')} som har hållits, som ett tal mellan 0 och 99`,
    present: 'Kryssa i vilka funktioner som har deltagit',
    rating: 'Välj ett betyg från 1 till 5',
  },
  import: {
    header: (columns: string) => `Första raden ska vara rubrikerna ${columns}`,
    empty: 'Filen innehåller inga skolor',
    tooMany: (max: number) => `Filen får innehålla högst ${max} skolor`,
    columns: (expected: number, got: number) => `Raden ska ha ${expected} kolumner men har ${got}`,
    forms:
      'Skolformerna ska vara förskola, grundskola, anpassad grundskola, gymnasieskola eller anpassad gymnasieskola',
    district: (value: string) => `Stadsdelen ”${value}” finns inte bland dagens stadsdelar`,
    duplicate: 'Skolenhetskoden finns redan tidigare i filen',
    independent: 'Skolenhetskoden tillhör en registrerad fristående skola',
    noFile: 'Välj en CSV-fil att läsa in',
    unreadable:
      'Filen går inte att läsa från den här raden. Kontrollera att varje citattecken (") som inleder en cell också avslutar den',
  },
  mail: {
    newTemplateSubject: 'Ny mall för samverkansöverenskommelsen – skriv under igen',
    newTemplateBody: (school: string, version: number, by: string, link: string) =>
      `Hej!\n\nStaden har publicerat version ${version} av mallen för samverkansöverenskommelsen. ${school} behöver revidera och skriva under överenskommelsen på den nya mallen senast ${by}.\n\nLogga in och revidera överenskommelsen:\n${link}\n\nSamverkansportalen, Stockholms stad`,
    signedSubject: (school: string) => `${school} har skrivit under samverkansöverenskommelsen`,
    signedBody: (school: string, link: string) =>
      `Hej!\n\n${school} har skrivit under samverkansöverenskommelsen och väntar på att stadsdelsförvaltningen bekräftar den.\n\nÖppna inkorgen:\n${link}\n\nSamverkansportalen, Stockholms stad`,
    confirmedSubject: 'Samverkansöverenskommelsen är bekräftad',
    confirmedBody: (school: string, district: string, validTo: string, link: string) =>
      `Hej!\n\nStadsdelsförvaltningen ${district} har bekräftat samverkansöverenskommelsen med ${school}. Den gäller till och med ${validTo}.\n\nSe överenskommelsen:\n${link}\n\nSamverkansportalen, Stockholms stad`,
    returnedSubject: 'Samverkansöverenskommelsen har skickats tillbaka',
    returnedBody: (school: string, district: string, comment: string, link: string) =>
      `Hej!\n\nStadsdelsförvaltningen ${district} har skickat tillbaka samverkansöverenskommelsen med ${school} med den här kommentaren:\n\n${comment}\n\nÄndra och skriv under igen:\n${link}\n\nSamverkansportalen, Stockholms stad`,
    expiringSubject: (days: number) => `Samverkansöverenskommelsen går ut om ${days} dagar`,
    expiringBody: (school: string, validTo: string, link: string) =>
      `Hej!\n\nSamverkansöverenskommelsen för ${school} gäller till och med ${validTo}. Revidera den och skriv under igen i god tid:\n${link}\n\nSamverkansportalen, Stockholms stad`,
    expiredSubject: 'Samverkansöverenskommelsen har gått ut',
    expiredBody: (school: string, link: string) =>
      `Hej!\n\nSamverkansöverenskommelsen för ${school} har gått ut. Revidera den och skriv under igen:\n${link}\n\nSamverkansportalen, Stockholms stad`,
    waitingSubject: 'Överenskommelser väntar på bekräftelse',
    waitingBody: (count: number, link: string) =>
      `Hej!\n\n${count} ${count === 1 ? 'överenskommelse har' : 'överenskommelser har'} väntat på stadsdelsförvaltningens bekräftelse i mer än 14 dagar.\n\nÖppna inkorgen:\n${link}\n\nSamverkansportalen, Stockholms stad`,
    followUpSubject: 'Dags för den årliga uppföljningen av samverkan',
    followUpBody: (school: string, link: string) =>
      `Hej!\n\nDet är dags att följa upp samverkansöverenskommelsen med ${school}: hur många möten som hölls, vilka funktioner som deltog, vad som fungerade och vad som behöver utvecklas.\n\nSvara här:\n${link}\n\nSamverkansportalen, Stockholms stad`,
    districtContactSubject: (district: string) => `Ny kontaktfunktion hos stadsdelsförvaltningen ${district}`,
    districtContactBody: (district: string, contact: string, link: string) =>
      `Hej!\n\nStadsdelsförvaltningen ${district} har ändrat sin kontaktfunktion för skolor. Från och med nu gäller:\n\n${contact}\n\nSe stadsdelens sida:\n${link}\n\nSamverkansportalen, Stockholms stad`,
    signInSubject: 'Din inloggningslänk till Samverkansportalen',
    signInBody: (link: string) =>
      `Hej!\n\nNågon, förhoppningsvis du, bad om en inloggningslänk till Samverkansportalen.\n\nÖppna länken och tryck på knappen "Logga in":\n${link}\n\nLänken gäller i 15 minuter och kan bara användas en gång. Har du inte bett om den kan du bortse från det här meddelandet.\n\nSamverkansportalen, Stockholms stad`,
    cityAccountSubject: 'Logga in med stadens konto',
    cityAccountBody: (signInLink: string) =>
      `Hej!\n\nNågon, förhoppningsvis du, bad om en inloggningslänk till Samverkansportalen för den här adressen. Handläggare och stadens samordnare loggar inte in med länkar i e-post, utan med sitt konto i Stockholms stad.\n\nGå till sidan Logga in och välj "Logga in med stadens konto":\n${signInLink}\n\nHar du inte bett om en länk kan du bortse från det här meddelandet.\n\nSamverkansportalen, Stockholms stad`,
    unknownSubject: 'Inloggning till Samverkansportalen',
    unknownBody: (registerLink: string) =>
      `Hej!\n\nNågon bad om en inloggningslänk till Samverkansportalen för den här adressen, men adressen finns inte i portalen.\n\nÄr du rektor för en fristående skola kan du registrera skolan här:\n${registerLink}\n\nHar du inte bett om en länk kan du bortse från det här meddelandet.\n\nSamverkansportalen, Stockholms stad`,
    verifySubject: (school: string) => `Bekräfta registreringen av ${school}`,
    verifyBody: (school: string, reference: string, link: string) =>
      `Hej!\n\n${school} har registrerats i Samverkansportalen (referens ${reference}) med dig som rektor.\n\nBekräfta din e-postadress genom att öppna länken och trycka på knappen "Logga in":\n${link}\n\nLänken gäller i 15 minuter. Har den gått ut kan du begära en ny på sidan Logga in. En registrering som inte bekräftas inom 30 dagar tas bort.\n\nSamverkansportalen, Stockholms stad`,
    contactChangedSubject: (school: string) => `Kontaktuppgifterna för ${school} har ändrats`,
    contactChangedBody: (school: string, address: string) =>
      `Hej!\n\nRektor har ändrat funktionsadressen för ${school} i Samverkansportalen. Från och med nu är ${address} skolans funktionsadress.\n\nKänner du inte till ändringen? Kontakta skolans rektor.\n\nSamverkansportalen, Stockholms stad`,
    handoverSubject: (school: string) => `Du har föreslagits som rektor för ${school}`,
    handoverBody: (school: string, reference: string, link: string) =>
      `Hej!\n\nDu har föreslagits som ny rektor för ${school} (referens ${reference}) i Samverkansportalen. Som rektor skriver du under skolans samverkansöverenskommelse med stadsdelsförvaltningen.\n\nBytet gäller först när du har öppnat länken och tryckt på knappen "Logga in":\n${link}\n\nLänken gäller i 7 dagar och kan bara användas en gång. Känner du inte till bytet kan du bortse från meddelandet; då ändras ingenting.\n\nSamverkansportalen, Stockholms stad`,
    handoverStartedSubject: (school: string) => `Byte av rektor för ${school} har påbörjats`,
    handoverStartedBody: (school: string, name: string, email: string, byCoordinator: boolean) =>
      `Hej!\n\n${byCoordinator ? 'Stadens samordnare' : 'Du'} har påbörjat ett byte av rektor för ${school} i Samverkansportalen. Den nya rektorn är ${name} (${email}).\n\nBytet gäller när den nya rektorn har loggat in med länken som skickades till hen. Fram till dess är du skolans rektor i portalen. Känner du inte till bytet? Kontakta stadens samordnare för Samverkansportalen.\n\nSamverkansportalen, Stockholms stad`,
    handoverDoneSubject: (school: string) => `${school} har en ny rektor i Samverkansportalen`,
    handoverDoneBody: (school: string, name: string, email: string) =>
      `Hej!\n\n${name} (${email}) har bekräftat att hen är rektor för ${school}. Du är inte längre skolans rektor i Samverkansportalen och kan inte längre skriva under för skolan.\n\nKänner du inte till bytet? Kontakta stadens samordnare för Samverkansportalen.\n\nSamverkansportalen, Stockholms stad`,
    unitInvitationSubject: (school: string) => `Inbjudan till Stockholms stads nätverk för samverkan: ${school}`,
    unitInvitationBody: (school: string, link: string) =>
      `Hej!\n\nStockholms stad bjuder in ${school} till stadens nätverk för samverkan mellan skola och socialtjänst om barn och unga som far illa eller riskerar att fara illa. I nätverket skriver skolan en samverkansöverenskommelse med stadsdelsförvaltningen där skolan ligger, och får en fast kontaktfunktion hos socialtjänsten.\n\nRegistreringen tar ungefär fem minuter. Skolans uppgifter från Skolverkets skolenhetsregister är redan ifyllda:\n${link}\n\nVi har fått adressen från Skolverkets skolenhetsregister. Vill skolan inte vara med behöver ni inte göra något.\n\nSamverkansportalen, Stockholms stad`,
    inviteSubject: 'Du har bjudits in till Samverkansportalen',
    inviteBody: (district: string, link: string) =>
      `Hej!\n\nDu har bjudits in som handläggare för ${district} i Samverkansportalen.\n\nLogga in genom att öppna länken och trycka på knappen "Logga in":\n${link}\n\nLänken gäller i 15 minuter. Har den gått ut kan du begära en ny på sidan Logga in.\n\nSamverkansportalen, Stockholms stad`,
    coordinatorInviteBody: (link: string) =>
      `Hej!\n\nDu har bjudits in som stadens samordnare i Samverkansportalen. Som samordnare bjuder du in handläggare, sköter stadsdelarna och publicerar mallen för överenskommelsen.\n\nLogga in genom att öppna länken och trycka på knappen "Logga in":\n${link}\n\nLänken gäller i 7 dagar och kan bara användas en gång. Har den gått ut kan du begära en ny på sidan Logga in.\n\nSamverkansportalen, Stockholms stad`,
    inviteCityAccountBody: (district: string, signInLink: string) =>
      `Hej!\n\nDu har bjudits in som handläggare för ${district} i Samverkansportalen.\n\nDu loggar in med ditt konto i Stockholms stad. Gå till sidan Logga in och välj "Logga in med stadens konto":\n${signInLink}\n\nSamverkansportalen, Stockholms stad`,
  },
} as const;

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('sv') + text.slice(1);
}

export type ErrorCode = keyof typeof messages.errors;
