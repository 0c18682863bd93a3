// Shared UI for every page. Import from '../../components' (relative) in pages and subpackages.
export { Loading, type LoadingProps } from './Loading';
export { Empty, type EmptyAction, type EmptyProps } from './Empty';
export { Icon, type IconColor, type IconName, type IconProps } from './Icon';
export { ErrorState, type ErrorStateProps } from './ErrorState';
export { NavBar } from './NavBar';
export { StaffOnly, type StaffOnlyProps } from './StaffOnly';
export { PageContent, type PageContentProps } from './PageContent';
export { MoreFooter, type MoreFooterProps } from './MoreFooter';
export { FormField, type FormFieldProps } from './FormField';
export { DateTimeField, type DateTimeFieldProps } from './DateTimeField';
export { usePageData, type PageData, type PageDataOptions } from './usePageData';
export {
  AuthProvider,
  useAuth,
  useRequireAuth,
  type AuthContextValue,
  type AuthStatus,
} from '../auth/AuthProvider';
export { requireSignIn } from '../auth/requireSignIn';
