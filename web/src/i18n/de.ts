/** German messages. Typed as `Messages`: a missing or extra key does not compile. */
import type { InvoiceTypeId } from "../invoices/invoiceTypes";
import type { Messages } from "./messages";

const invoiceTypes: Record<InvoiceTypeId, string> = {
  "moyens-auxiliaires-travail":
    "Hilfsmittel – Arbeitsplatz und Aufgabenbereich der versicherten Person",
  "moyens-auxiliaires-transformations-vehicules":
    "Hilfsmittel – Bauliche Anpassungen und Motorfahrzeuge",
  "moyens-auxiliaires-crane-visage": "Hilfsmittel – Kopf und Gesicht",
  "moyens-auxiliaires-vue": "Hilfsmittel – Für Blinde und hochgradig Sehbehinderte",
  "moyens-auxiliaires-autonomie": "Hilfsmittel – Persönliche Selbstständigkeit",
  "api-ssi-mineurs":
    "Hilflosenentschädigung (HE) und Intensivpflegezuschlag (IPZ) für Minderjährige",
  "appareillage-auditif": "Hörgeräteversorgung",
  "contribution-assistance": "Assistenzbeitrag",
  "frais-voyage-nourriture": "Reise- und Verpflegungskosten",
  "autre-facture": "Andere Rechnung",
};

export const de: Messages = {
  app: {
    name: "Schalter",
    tagline: "Online-Schalter der IV",
    documentTitle: (page: string, office: string) => `${page} – ${office}`,
  },
  skipToContent: "Zum Hauptinhalt springen",
  header: {
    newInvoice: "Neue Rechnung",
    languageSwitch: "Sprache",
  },
  userMenu: {
    counter: "Schalter",
    account: "Mein Konto",
    company: "Mein Unternehmen",
    beneficiaries: "Leistungsbeziehende",
    signOut: "Abmelden",
  },
  session: {
    loading: "Wird geladen…",
    warningTitle: "Ihre Sitzung läuft bald ab",
    warningText: (time: string) =>
      `Ohne Aktivität werden Sie in ${time} abgemeldet. Ihre Eingaben bleiben erhalten.`,
    stay: "Angemeldet bleiben",
    signOut: "Abmelden",
    stayFailed: "Die Sitzung konnte nicht verlängert werden. Bitte versuchen Sie es erneut.",
    expiredTitle: "Ihre Sitzung ist abgelaufen",
    expiredText:
      "Zu Ihrer Sicherheit wurden Sie nach einer Zeit ohne Aktivität abgemeldet. Ihre Eingaben auf dieser Seite bleiben erhalten: Melden Sie sich erneut an, um fortzufahren.",
  },
  duration: {
    seconds: (seconds: number) => `${String(seconds)} s`,
    minutes: (minutes: number) => `${String(minutes)} min`,
  },
  forms: {
    summaryTitle: (count: number) =>
      count === 1
        ? "Das Formular enthält einen Fehler"
        : `Das Formular enthält ${String(count)} Fehler`,
    summaryItem: (label: string, message: string) => `${label}: ${message}`,
    optional: "(optional)",
    errorPrefix: "Fehler:",
    invalid: "Ungültiger Wert.",
    close: "Schliessen",
  },
  validation: {
    required: (label: string) => `Das Feld ${label} ist erforderlich.`,
    glnFormat: "Die GLN besteht aus 13 Ziffern.",
    glnCheckDigit: "Diese GLN ist ungültig: Bitte prüfen Sie die eingegebenen Ziffern.",
    uidFormat: "Die UID-Nummer hat die Form CHE-123.456.789.",
    uidCheckDigit: "Diese UID-Nummer ist ungültig: Bitte prüfen Sie die eingegebenen Ziffern.",
    email: "Geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@beispiel.ch.",
    phone: "Geben Sie eine gültige Telefonnummer ein, zum Beispiel +41 27 123 45 67.",
    mobile: "Geben Sie eine gültige Mobiltelefonnummer ein, zum Beispiel +41 79 123 45 67.",
    passwordTooShort: (min: number) =>
      `Das Passwort muss mindestens ${String(min)} Zeichen lang sein.`,
    passwordTooLong: (max: number) =>
      `Das Passwort darf höchstens ${String(max)} Zeichen lang sein.`,
    confirmationMismatch: "Die Bestätigung stimmt nicht mit dem Passwort überein.",
    terms: "Sie müssen die Nutzungsbedingungen akzeptieren, um sich zu registrieren.",
    code: "Der Zugangscode besteht aus 6 Ziffern.",
  },
  problems: {
    network: "Der Server antwortet nicht. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
    rateLimited: "Zu viele Anfragen in kurzer Zeit. Bitte versuchen Sie es in einer Minute erneut.",
    sessionExpired: "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.",
    validation: "Einige Angaben sind ungültig. Bitte prüfen Sie das Formular.",
    generic: "Ein Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.",
  },
  notices: {
    signedOut: "Sie sind abgemeldet.",
    passwordReset: "Ihr Passwort wurde geändert. Sie können sich mit dem neuen Passwort anmelden.",
    invitationAccepted: "Ihr Passwort wurde gespeichert. Sie können sich jetzt anmelden.",
    passwordChanged:
      "Ihr Passwort wurde geändert. Zu Ihrer Sicherheit wurden alle Ihre Sitzungen beendet: Bitte melden Sie sich erneut an.",
  },
  counter: {
    title: "Schalter",
    toCorrect: {
      heading: "Zu korrigierende Anträge",
      empty: "Keine Anträge zu korrigieren.",
    },
    history: {
      heading: "Rechnungsverlauf",
      empty: "Noch keine Rechnungen übermittelt.",
    },
  },
  invoiceTypes,
  newInvoice: {
    formNumber: (form: string) => `Formular ${form}`,
    comingSoon: "Die Erfassung dieser Rechnungsart wird in Kürze verfügbar sein.",
  },
  comingSoon: "Diese Seite wird in Kürze verfügbar sein.",
  backHome: "Zurück zur Startseite",
  signIn: {
    title: "Anmeldung",
    email: "E-Mail",
    password: "Passwort",
    forgot: "Passwort vergessen?",
    submit: "Anmelden",
    noAccount: "Noch kein Konto?",
    noAccountText:
      "Erstellen Sie ein Konto auf den Namen Ihres Unternehmens, um Ihre Rechnungen an die IV-Stelle zu übermitteln.",
    register: "Registrieren",
    invalidCredentials: "E-Mail oder Passwort falsch.",
    locked: "Zu viele Anmeldeversuche, bitte versuchen Sie es in einigen Minuten erneut",
    pending:
      "Ihre Registrierung wurde von der IV-Stelle noch nicht bestätigt. Sie werden per E-Mail benachrichtigt.",
    refused:
      "Ihre Registrierung wurde von der IV-Stelle abgelehnt. Die Begründung wurde Ihnen per E-Mail mitgeteilt.",
    disabled:
      "Dieses Konto ist deaktiviert. Bitte wenden Sie sich an die Administratorin oder den Administrator Ihres Unternehmens.",
    tooManyCodes: (time: string) =>
      `Für dieses Konto wurden zu viele Zugangscodes gesendet. Versuchen Sie es in ${time} erneut.`,
    codeIntro: "Um sich anzumelden, geben Sie den per SMS erhaltenen Sicherheitscode ein.",
    codeSentTo: (mobileHint: string) => `Der Code wurde an ${mobileHint} gesendet.`,
    code: "Zugangscode",
    codeHint: "6 Ziffern. Die SMS kann einige Sekunden brauchen.",
    codeSubmit: "Anmelden",
    resend: "Ich benötige einen neuen Zugangscode",
    resendIn: (time: string) => `Verfügbar in ${time}`,
    resendAvailable: "Sie können einen neuen Zugangscode anfordern.",
    resent: "Ein neuer Zugangscode wurde Ihnen per SMS gesendet.",
    resendLimitRestart:
      "Sie haben für diese Anmeldung die maximale Anzahl Codes angefordert. Melden Sie sich erneut an, um einen neuen Code zu erhalten.",
    resendLimit: (time: string) =>
      `Sie haben zu viele Zugangscodes angefordert. Versuchen Sie es in ${time} erneut.`,
    invalidCode: "Dieser Zugangscode ist falsch.",
    attemptsLeft: (count: number) =>
      count === 1 ? "Sie haben noch 1 Versuch." : `Sie haben noch ${String(count)} Versuche.`,
    challengeVoid:
      "Dieser Zugangscode ist nicht mehr gültig (abgelaufen, bereits verwendet oder zu viele Versuche). Bitte melden Sie sich erneut an.",
    otherAccount: "Mit einem anderen Konto anmelden",
    profileFailed:
      "Sie sind angemeldet, aber Ihr Profil konnte nicht geladen werden. Bitte versuchen Sie es erneut.",
  },
  registration: {
    title: "Registrierung",
    intro:
      "Bevor Sie beginnen, benötigen Sie eine GLN auf den Namen Ihres Unternehmens. Falls Sie noch keine haben, können Sie diese bei HCI Solutions beantragen.",
    glnLink: "GLN beantragen (refdata.ch)",
    accountType: "Ich möchte die Plattform nutzen als",
    institution: "Organisation / Unternehmen",
    company: "Unternehmen",
    companyName: "Name des Unternehmens",
    gln: "GLN",
    glnHint: "13 Ziffern, auf den Namen Ihres Unternehmens.",
    uid: "UID-Nummer",
    uidHint: "Zum Beispiel CHE-123.456.789.",
    street: "Strasse und Nummer",
    postcode: "PLZ",
    locality: "Ort",
    phone: "Telefon",
    phoneHint: "Zum Beispiel +41 27 123 45 67.",
    manager: "Administrator/in",
    managerIntro:
      "Die Person, die sich registriert, verwaltet das Konto: Sie kann danach ihre Mitarbeitenden hinzufügen.",
    firstName: "Vorname",
    lastName: "Nachname",
    email: "E-Mail",
    password: "Passwort",
    passwordHint: "Mindestens 12 Zeichen. Ein gut merkbarer Satz eignet sich sehr gut.",
    passwordConfirmation: "Passwort bestätigen",
    mobile: "Mobiltelefon",
    mobileHint:
      "Bei jeder Anmeldung erhalten Sie einen 6-stelligen Code per SMS. Zum Beispiel +41 79 123 45 67.",
    language: "Korrespondenzsprache",
    termsLegend: "Nutzungsbedingungen",
    terms: "Ich akzeptiere die Nutzungsbedingungen der Plattform.",
    submit: "Registrieren",
    alreadyRegistered: "Sie haben bereits ein Konto?",
  },
  registrationSent: {
    title: "Registrierungsantrag gesendet",
    text: "Ihr Antrag muss von der IV-Stelle bestätigt werden. Sie werden per E-Mail benachrichtigt, sobald Ihr Konto angenommen oder abgelehnt wurde.",
    next: "Wird Ihr Antrag angenommen, enthält die Bestätigungs-E-Mail einen Link, über den Sie auf die Plattform gelangen.",
    toSignIn: "Zurück zur Anmeldung",
  },
  forgotPassword: {
    title: "Passwort vergessen",
    intro: "Geben Sie die E-Mail-Adresse ein, mit der Sie Ihr Konto erstellt haben.",
    email: "E-Mail",
    submit: "Passwort zurücksetzen",
    sent: "Falls ein Konto mit dieser Adresse besteht, erhalten Sie in Kürze eine E-Mail mit einem Link «Passwort zurücksetzen». Der Link ist 60 Minuten gültig.",
    toSignIn: "Zurück zur Anmeldung",
  },
  resetPassword: {
    title: "Passwort vergessen",
    password: "Neues Passwort",
    passwordHint: "Mindestens 12 Zeichen.",
    confirmation: "Passwort bestätigen",
    submit: "Passwort zurücksetzen",
    invalidLink:
      "Dieser Link ist nicht mehr gültig: Er wurde bereits verwendet, ist abgelaufen (60 Minuten) oder wurde durch einen neueren Link ersetzt.",
    newLink: "Neuen Link anfordern",
  },
  invitation: {
    title: "Passwort wählen",
    welcome: (firstName: string, email: string) =>
      `Willkommen ${firstName}. Wählen Sie das Passwort für Ihr Konto ${email}.`,
    password: "Passwort",
    passwordHint: "Mindestens 12 Zeichen.",
    confirmation: "Passwort bestätigen",
    submit: "Passwort speichern",
    invalidLink:
      "Dieser Einladungslink ist nicht mehr gültig: Er wurde bereits verwendet oder ist älter als 7 Tage. Bitten Sie die Administratorin oder den Administrator Ihres Unternehmens um eine neue Einladung.",
  },
  account: {
    title: "Mein Konto",
    profile: "Meine Angaben",
    name: "Name",
    email: "E-Mail",
    mobile: "Mobiltelefon",
    role: "Rolle",
    roles: { manager: "Administrator/in", collaborator: "Mitarbeiter/in" },
    managedByManager:
      "Diese Angaben werden von der Administratorin oder dem Administrator Ihres Unternehmens verwaltet.",
    changePassword: "Passwort ändern",
    changeNotice:
      "Nach der Änderung werden alle Ihre Sitzungen beendet und Sie müssen sich erneut anmelden.",
    currentPassword: "Aktuelles Passwort",
    currentPasswordWrong: "Das aktuelle Passwort ist falsch.",
    newPassword: "Neues Passwort",
    newPasswordHint: "Mindestens 12 Zeichen.",
    confirmation: "Passwort bestätigen",
    submit: "Neues Passwort speichern",
  },
  notFound: {
    title: "Seite nicht gefunden",
    text: "Die angeforderte Seite existiert nicht.",
  },
  footer: {
    contact: "Fragen / Support",
    phone: "Tel.",
  },
};
