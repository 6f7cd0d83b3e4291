/** The user's name and company, opening the account and navigation entries. */
import { MenuButton, type MenuItem } from "../components/MenuButton";
import { useI18n } from "../i18n/useI18n";
import { navigate } from "../router/location";
import { paths } from "../router/paths";
import { sessionRole, signOut, useSession } from "../session/session";

export function UserMenu() {
  const { t } = useI18n();
  const session = useSession();

  const name =
    session.status === "signedIn"
      ? `${session.user.lastName} ${session.user.firstName}`
      : t.session.placeholderName;
  const company =
    session.status === "signedIn" ? session.user.companyName : t.session.placeholderCompany;

  const items: MenuItem[] = [
    { key: "counter", to: paths.counter, content: t.userMenu.counter },
    { key: "account", to: paths.account, content: t.userMenu.account },
    ...(sessionRole(session) === "manager"
      ? [{ key: "company", to: paths.company, content: t.userMenu.company }]
      : []),
    { key: "beneficiaries", to: paths.beneficiaries, content: t.userMenu.beneficiaries },
    {
      key: "sign-out",
      content: t.userMenu.signOut,
      onSelect: () => {
        void signOut().then(() => {
          navigate(paths.signIn);
        });
      },
    },
  ];

  return (
    <MenuButton
      label={
        <span className="user-menu__identity">
          <span className="user-menu__name">{name}</span>{" "}
          <span className="user-menu__company">{company}</span>
        </span>
      }
      items={items}
      buttonClassName="user-menu__button"
      menuClassName="user-menu"
      align="end"
    />
  );
}
