/**
 * French messages: the reference catalogue. Its shape is the `Messages` type, so every other
 * language must provide exactly the same keys. Wording follows the office's user guide.
 */
import type { InvoiceTypeId } from "../invoices/invoiceTypes";

const invoiceTypes: Record<InvoiceTypeId, string> = {
  "moyens-auxiliaires-travail":
    "Moyens auxiliaires – Poste de travail et tâches de la personne assurée",
  "moyens-auxiliaires-transformations-vehicules":
    "Moyens auxiliaires – Travaux de transformation et véhicules à moteur",
  "moyens-auxiliaires-crane-visage": "Moyens auxiliaires – Pour le crâne et le visage",
  "moyens-auxiliaires-vue": "Moyens auxiliaires – Pour aveugles et handicapés graves de la vue",
  "moyens-auxiliaires-autonomie": "Moyens auxiliaires – Autonomie personnelle",
  "api-ssi-mineurs":
    "Allocation pour impotents (API) et supplément pour soins intenses (SSI) pour mineurs",
  "appareillage-auditif": "Appareillage auditif",
  "contribution-assistance": "Contribution d'assistance",
  "frais-voyage-nourriture": "Frais de voyage et nourriture",
  "autre-facture": "Autre facture",
};

export const fr = {
  app: {
    name: "Guichet",
    tagline: "Guichet en ligne de l'AI",
    documentTitle: (page: string, office: string) => `${page} – ${office}`,
  },
  skipToContent: "Aller au contenu principal",
  header: {
    newInvoice: "Nouvelle facture",
    languageSwitch: "Langue",
  },
  userMenu: {
    counter: "Guichet",
    account: "Mon compte",
    company: "Ma société",
    beneficiaries: "Bénéficiaires",
    signOut: "Déconnexion",
  },
  session: {
    loading: "Chargement…",
    warningTitle: "Votre session va bientôt expirer",
    warningText: (time: string) =>
      `Sans activité de votre part, vous serez déconnecté dans ${time}. Ce que vous avez saisi est conservé.`,
    stay: "Rester connecté",
    signOut: "Se déconnecter",
    stayFailed: "La session n'a pas pu être prolongée. Veuillez réessayer.",
    expiredTitle: "Votre session a expiré",
    expiredText:
      "Pour votre sécurité, vous avez été déconnecté après une période sans activité. Ce que vous avez saisi sur cette page est conservé : reconnectez-vous pour continuer.",
  },
  duration: {
    seconds: (seconds: number) => `${String(seconds)} s`,
    minutes: (minutes: number) => `${String(minutes)} min`,
  },
  forms: {
    summaryTitle: (count: number) =>
      count === 1
        ? "Le formulaire contient une erreur"
        : `Le formulaire contient ${String(count)} erreurs`,
    summaryItem: (label: string, message: string) => `${label}\u00a0: ${message}`,
    optional: "(facultatif)",
    errorPrefix: "Erreur\u00a0:",
    invalid: "Valeur non valable.",
    close: "Fermer",
  },
  validation: {
    required: (label: string) => `Le champ ${label} est obligatoire.`,
    glnFormat: "Le GLN comporte 13 chiffres.",
    glnCheckDigit: "Ce GLN n'est pas valable : vérifiez les chiffres saisis.",
    uidFormat: "Le numéro IDE a la forme CHE-123.456.789.",
    uidCheckDigit: "Ce numéro IDE n'est pas valable : vérifiez les chiffres saisis.",
    email: "Saisissez une adresse email valable, par exemple nom@exemple.ch.",
    phone: "Saisissez un numéro de téléphone valable, par exemple +41 27 123 45 67.",
    mobile: "Saisissez un numéro de téléphone portable valable, par exemple +41 79 123 45 67.",
    passwordTooShort: (min: number) =>
      `Le mot de passe doit comporter au moins ${String(min)} caractères.`,
    passwordTooLong: (max: number) =>
      `Le mot de passe doit comporter au plus ${String(max)} caractères.`,
    confirmationMismatch: "La confirmation ne correspond pas au mot de passe.",
    terms: "Vous devez accepter les conditions d'utilisation pour vous inscrire.",
    code: "Le code d'accès comporte 6 chiffres.",
  },
  problems: {
    network: "Le serveur ne répond pas. Vérifiez votre connexion et réessayez.",
    rateLimited: "Trop de demandes en peu de temps. Veuillez réessayer dans une minute.",
    sessionExpired: "Votre session a expiré. Veuillez vous reconnecter.",
    validation: "Certaines informations ne sont pas valables. Vérifiez le formulaire.",
    generic: "Une erreur est survenue. Veuillez réessayer plus tard.",
  },
  notices: {
    signedOut: "Vous êtes déconnecté.",
    passwordReset:
      "Votre mot de passe a été modifié. Vous pouvez vous connecter avec votre nouveau mot de passe.",
    invitationAccepted: "Votre mot de passe est enregistré. Vous pouvez maintenant vous connecter.",
    passwordChanged:
      "Votre mot de passe a été modifié. Pour votre sécurité, toutes vos sessions ont été fermées : veuillez vous reconnecter.",
  },
  counter: {
    title: "Guichet",
    toCorrect: {
      heading: "Demandes à corriger",
      empty: "Aucune demande à corriger.",
    },
    history: {
      heading: "Historique des factures",
      empty: "Aucune facture transmise pour le moment.",
    },
  },
  invoiceTypes,
  newInvoice: {
    formNumber: (form: string) => `Formulaire ${form}`,
    comingSoon: "La saisie de ce type de facture sera disponible prochainement.",
  },
  comingSoon: "Cette page sera disponible prochainement.",
  backHome: "Retourner sur la page d'accueil",
  signIn: {
    title: "Connexion",
    email: "Email",
    password: "Mot de passe",
    forgot: "Mot de passe oublié ?",
    submit: "Se connecter",
    noAccount: "Pas encore de compte ?",
    noAccountText:
      "Créez un compte au nom de votre société pour transmettre vos factures à l'Office AI.",
    register: "S'inscrire",
    invalidCredentials: "Email ou mot de passe incorrect.",
    locked: "Trop de tentatives de connexion, veuillez réessayer d'ici quelques minutes",
    pending:
      "Votre inscription n'a pas encore été validée par l'Office AI. Vous serez averti par email.",
    refused:
      "Votre inscription a été refusée par l'Office AI. Le motif vous a été communiqué par email.",
    disabled: "Ce compte est désactivé. Veuillez vous adresser au gérant de votre société.",
    tooManyCodes: (time: string) =>
      `Trop de codes d'accès ont été envoyés pour ce compte. Réessayez dans ${time}.`,
    codeIntro: "Pour vous connecter, entrez le code d'accès sécurisé reçu par SMS.",
    codeSentTo: (mobileHint: string) => `Le code a été envoyé au ${mobileHint}.`,
    code: "Code d'accès",
    codeHint: "6 chiffres. Le SMS peut prendre quelques secondes.",
    codeSubmit: "Se connecter",
    resend: "J'ai besoin d'un nouveau code d'accès",
    resendIn: (time: string) => `Disponible dans ${time}`,
    resendAvailable: "Vous pouvez demander un nouveau code d'accès.",
    resent: "Un nouveau code d'accès vous a été envoyé par SMS.",
    resendLimitRestart:
      "Vous avez demandé le nombre maximal de codes pour cette connexion. Recommencez la connexion pour en recevoir un nouveau.",
    resendLimit: (time: string) =>
      `Vous avez demandé trop de codes d'accès. Réessayez dans ${time}.`,
    invalidCode: "Ce code d'accès est incorrect.",
    attemptsLeft: (count: number) =>
      count === 1 ? "Il vous reste 1 essai." : `Il vous reste ${String(count)} essais.`,
    challengeVoid:
      "Ce code d'accès n'est plus valable (expiré, déjà utilisé ou trop d'essais). Veuillez vous reconnecter.",
    otherAccount: "Changer de compte",
    profileFailed:
      "Vous êtes connecté, mais votre profil n'a pas pu être chargé. Veuillez réessayer.",
  },
  registration: {
    title: "Inscription",
    intro:
      "Avant de commencer, vous avez besoin d'un GLN au nom de votre société. Si vous n'en avez pas encore, vous pouvez en demander un auprès de HCI Solutions.",
    glnLink: "Demander un GLN (refdata.ch)",
    accountType: "Je veux utiliser la plateforme en tant que",
    institution: "Organisme / entreprise",
    company: "Société",
    companyName: "Nom de la société",
    gln: "GLN",
    glnHint: "13 chiffres, au nom de votre société.",
    uid: "Numéro IDE",
    uidHint: "Par exemple CHE-123.456.789.",
    street: "Rue et numéro",
    postcode: "NPA",
    locality: "Localité",
    phone: "Téléphone",
    phoneHint: "Par exemple +41 27 123 45 67.",
    manager: "Gérant",
    managerIntro:
      "La personne qui fait l'inscription devient gérante du compte : elle pourra ensuite ajouter ses collaborateurs.",
    firstName: "Prénom",
    lastName: "Nom",
    email: "Email",
    password: "Mot de passe",
    passwordHint: "Au moins 12 caractères. Une phrase facile à retenir convient très bien.",
    passwordConfirmation: "Confirmation du mot de passe",
    mobile: "Téléphone portable",
    mobileHint:
      "Vous recevrez un code à 6 chiffres par SMS lors de vos connexions. Par exemple +41 79 123 45 67.",
    language: "Langue de correspondance",
    termsLegend: "Conditions d'utilisation",
    terms: "J'accepte les conditions d'utilisation de la plateforme.",
    submit: "S'inscrire",
    alreadyRegistered: "Vous avez déjà un compte ?",
  },
  registrationSent: {
    title: "Demande d'inscription envoyée",
    text: "Votre demande doit être confirmée par l'Office AI. Vous êtes averti par email une fois votre compte accepté ou refusé.",
    next: "Si vous êtes accepté, le mail de confirmation contient un lien qui vous permet d'accéder à la plateforme.",
    toSignIn: "Retour à la page de connexion",
  },
  forgotPassword: {
    title: "Mot de passe oublié",
    intro: "Saisissez l'adresse email que vous avez utilisée pour créer votre compte.",
    email: "Email",
    submit: "Réinitialiser le mot de passe",
    sent: "Si un compte existe avec cette adresse, vous recevrez dans quelques instants un email avec un lien « Réinitialiser le mot de passe ». Le lien est valable 60 minutes.",
    toSignIn: "Retour à la page de connexion",
  },
  resetPassword: {
    title: "Mot de passe oublié",
    password: "Nouveau mot de passe",
    passwordHint: "Au moins 12 caractères.",
    confirmation: "Confirmation du mot de passe",
    submit: "Réinitialiser le mot de passe",
    invalidLink:
      "Ce lien n'est plus valable : il a déjà été utilisé, il a expiré (60 minutes) ou un lien plus récent l'a remplacé.",
    newLink: "Demander un nouveau lien",
  },
  invitation: {
    title: "Choisir un mot de passe",
    welcome: (firstName: string, email: string) =>
      `Bienvenue ${firstName}. Choisissez le mot de passe de votre compte ${email}.`,
    password: "Mot de passe",
    passwordHint: "Au moins 12 caractères.",
    confirmation: "Confirmation du mot de passe",
    submit: "Enregistrer le mot de passe",
    invalidLink:
      "Ce lien d'invitation n'est plus valable : il a déjà été utilisé ou date de plus de 7 jours. Demandez au gérant de votre société de vous inviter à nouveau.",
  },
  account: {
    title: "Mon compte",
    profile: "Mes informations",
    name: "Nom",
    email: "Email",
    mobile: "Téléphone portable",
    role: "Rôle",
    roles: { manager: "Gérant", collaborator: "Collaborateur" },
    managedByManager: "Ces informations sont gérées par le gérant de votre société.",
    changePassword: "Modifier le mot de passe",
    changeNotice:
      "Après la modification, toutes vos sessions sont fermées et vous devrez vous reconnecter.",
    currentPassword: "Mot de passe actuel",
    currentPasswordWrong: "Le mot de passe actuel est incorrect.",
    newPassword: "Nouveau mot de passe",
    newPasswordHint: "Au moins 12 caractères.",
    confirmation: "Confirmation du mot de passe",
    submit: "Enregistrer le nouveau mot de passe",
  },
  notFound: {
    title: "Page introuvable",
    text: "La page demandée n'existe pas.",
  },
  footer: {
    contact: "Questions / Support",
    phone: "Tél.",
  },
};
