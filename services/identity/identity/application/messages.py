"""What identity says to people, in French and German, by stable code."""

from kernel.i18n import Language

Messages = dict[Language, str]

FIELD_MESSAGES: dict[str, Messages] = {
    "email_invalid": {
        "fr": "Adresse e-mail invalide.",
        "de": "Ungültige E-Mail-Adresse.",
    },
    "email_taken": {
        "fr": "Un compte existe déjà avec cette adresse e-mail.",
        "de": "Mit dieser E-Mail-Adresse besteht bereits ein Konto.",
    },
    "mobile_invalid": {
        "fr": "Numéro de téléphone portable invalide (par ex. +41 79 123 45 67).",
        "de": "Ungültige Mobiltelefonnummer (z. B. +41 79 123 45 67).",
    },
    "mobile_not_mobile": {
        "fr": (
            "Ce numéro n'est pas un numéro de téléphone portable : les codes sont envoyés par SMS."
        ),
        "de": "Diese Nummer ist keine Mobiltelefonnummer: Die Codes werden per SMS gesendet.",
    },
    "name_blank": {
        "fr": "Ce champ est obligatoire.",
        "de": "Dieses Feld ist erforderlich.",
    },
    "name_invalid": {
        "fr": "Ce champ contient des caractères non autorisés.",
        "de": "Dieses Feld enthält unzulässige Zeichen.",
    },
    "password_too_short": {
        "fr": "Le mot de passe doit contenir au moins 12 caractères.",
        "de": "Das Passwort muss mindestens 12 Zeichen lang sein.",
    },
    "password_too_long": {
        "fr": "Le mot de passe ne peut pas dépasser 128 caractères.",
        "de": "Das Passwort darf höchstens 128 Zeichen lang sein.",
    },
    "password_common": {
        "fr": "Ce mot de passe est trop courant, veuillez en choisir un autre.",
        "de": "Dieses Passwort ist zu verbreitet, bitte wählen Sie ein anderes.",
    },
    "password_personal": {
        "fr": "Le mot de passe ne doit pas reprendre votre adresse e-mail ou votre nom.",
        "de": "Das Passwort darf nicht Ihre E-Mail-Adresse oder Ihren Namen wiederholen.",
    },
    "password_mismatch": {
        "fr": "Les deux mots de passe ne correspondent pas.",
        "de": "Die beiden Passwörter stimmen nicht überein.",
    },
    "password_incorrect": {
        "fr": "Le mot de passe actuel est incorrect.",
        "de": "Das aktuelle Passwort ist falsch.",
    },
    "code_format": {
        "fr": "Le code d'accès comporte 6 chiffres.",
        "de": "Der Zugangscode besteht aus 6 Ziffern.",
    },
    "invalid_code": {
        "fr": "Code d'accès incorrect.",
        "de": "Falscher Zugangscode.",
    },
}

PROBLEM_MESSAGES: dict[str, Messages] = {
    "invalid_credentials": {
        "fr": "Adresse e-mail ou mot de passe incorrect.",
        "de": "E-Mail-Adresse oder Passwort ist falsch.",
    },
    # The seed's wording (guide for institutions, 5.1.3).
    "locked": {
        "fr": "Trop de tentatives de connexion, veuillez réessayer d'ici quelques minutes",
        "de": "Zu viele Anmeldeversuche, bitte versuchen Sie es in einigen Minuten erneut",
    },
    "account_pending": {
        "fr": "Votre inscription n'a pas encore été validée par l'office AI.",
        "de": "Ihre Registrierung wurde von der IV-Stelle noch nicht bestätigt.",
    },
    "account_refused": {
        "fr": "Votre inscription a été refusée par l'office AI.",
        "de": "Ihre Registrierung wurde von der IV-Stelle abgelehnt.",
    },
    "account_disabled": {
        "fr": "Ce compte est désactivé. Veuillez vous adresser au gérant de votre société.",
        "de": "Dieses Konto ist deaktiviert. Bitte wenden Sie sich an die Leitung Ihrer Firma.",
    },
    "challenge_void": {
        "fr": "Ce code d'accès n'est plus valable, veuillez vous connecter à nouveau.",
        "de": "Dieser Zugangscode ist nicht mehr gültig, bitte melden Sie sich erneut an.",
    },
    "invalid_code": {
        "fr": "Code d'accès incorrect.",
        "de": "Falscher Zugangscode.",
    },
    "resend_too_soon": {
        "fr": "Vous pourrez demander un nouveau code dans quelques secondes.",
        "de": "Sie können in einigen Sekunden einen neuen Code anfordern.",
    },
    "resend_limit": {
        "fr": "Trop de codes envoyés, veuillez réessayer plus tard.",
        "de": "Zu viele Codes gesendet, bitte versuchen Sie es später erneut.",
    },
    "session_expired": {
        "fr": "Votre session a expiré, veuillez vous connecter à nouveau.",
        "de": "Ihre Sitzung ist abgelaufen, bitte melden Sie sich erneut an.",
    },
    "token_void": {
        "fr": "Ce lien n'est plus valable. Veuillez en demander un nouveau.",
        "de": "Dieser Link ist nicht mehr gültig. Bitte fordern Sie einen neuen an.",
    },
    "account_conflict": {
        "fr": "Cet identifiant de compte est déjà utilisé pour une autre adresse e-mail.",
        "de": "Diese Kontokennung wird bereits für eine andere E-Mail-Adresse verwendet.",
    },
}
