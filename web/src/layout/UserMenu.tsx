/** The user's name and company, opening the account and navigation entries. */
import { MenuButton, type MenuItem } from "../components/MenuButton";
import { useI18n } from "../i18n/useI18n";
import { withNotice } from "../pages/notices";
import { navigate } from "../router/location";
import { paths } from "../router/paths";
import type { SessionUser } from "../session/session";
import { useSessionManager } from "../session/session";

interface Props {
  readonly user: SessionUser;
}

export function UserMenu({ user }: Props) {
  const { t } = useI18n();
  const manager = useSessionManager();

  const items: MenuItem[] = [
    { key: "counter", to: paths.counter, content: t.userMenu.counter },
    { key: "account", to: paths.account, content: t.userMenu.account },
    ...(user.role === "manager"
      ? [{ key: "company", to: paths.company, content: t.userMenu.company }]
      : []),
    { key: "beneficiaries", to: paths.beneficiaries, content: t.userMenu.beneficiaries },
    {
      key: "sign-out",
      content: t.userMenu.signOut,
      onSelect: () => {
        // Leave the page first: a protected page seeing the session end would redirect.
        navigate(paths.signIn, withNotice("signedOut"));
        void manager.signOut();
      },
    },
  ];

  return (
    <MenuButton
      label={
        <span className="user-menu__identity">
          <span className="user-menu__name">
            {user.lastName} {user.firstName}
          </span>
          {user.companyName !== null && (
            <>
              {" "}
              <span className="user-menu__company">{user.companyName}</span>
            </>
          )}
        </span>
      }
      items={items}
      buttonClassName="user-menu__button"
      menuClassName="user-menu"
      align="end"
    />
  );
}
