/**
 * Signing in, both steps: on the sign-in page and inside the "session expired" dialog (so a
 * page with typed data survives a timeout).
 */
import { useState } from "react";
import type { TokenAnswer } from "../api/identity";
import { useI18n } from "../i18n/useI18n";
import { useSessionManager, type SessionUser } from "../session/session";
import { CodeStep } from "./CodeStep";
import { CredentialsStep, type IssuedChallenge } from "./CredentialsStep";

interface Props {
  /** Prefix of the fields' ids: two flows may be on screen at once. */
  readonly idPrefix: string;
  readonly initialEmail?: string;
  readonly onSignedIn: (user: SessionUser) => void;
  /** Told when the step changes (the page hides its "no account yet" panel on the code step). */
  readonly onStepChange?: (step: "credentials" | "code") => void;
}

type Step =
  | { readonly kind: "credentials"; readonly email: string; readonly error?: string }
  | { readonly kind: "code"; readonly issued: IssuedChallenge };

export function SignInFlow({ idPrefix, initialEmail = "", onSignedIn, onStepChange }: Props) {
  const { t } = useI18n();
  const manager = useSessionManager();
  const [step, setStepState] = useState<Step>({ kind: "credentials", email: initialEmail });
  // Each return to the first step mounts a fresh form (its error takes the focus).
  const [round, setRound] = useState(0);

  function setStep(next: Step) {
    setStepState(next);
    setRound((value) => value + 1);
    onStepChange?.(next.kind);
  }

  async function verified(tokens: TokenAnswer, dateHeader: string | null, email: string) {
    const user = await manager.completeSignIn(tokens, dateHeader);
    if (user === null) setStep({ kind: "credentials", email, error: t.signIn.profileFailed });
    else onSignedIn(user);
  }

  if (step.kind === "code") {
    const { issued } = step;
    return (
      <CodeStep
        key={round}
        idPrefix={idPrefix}
        issued={issued}
        onVerified={(tokens, dateHeader) => verified(tokens, dateHeader, issued.email)}
        onVoid={() => {
          setStep({ kind: "credentials", email: issued.email, error: t.signIn.challengeVoid });
        }}
        onRestart={() => {
          setStep({ kind: "credentials", email: issued.email });
        }}
      />
    );
  }

  return (
    <CredentialsStep
      key={round}
      idPrefix={idPrefix}
      initialEmail={step.email}
      initialError={step.error}
      onChallenge={(issued) => {
        setStep({ kind: "code", issued });
      }}
    />
  );
}
