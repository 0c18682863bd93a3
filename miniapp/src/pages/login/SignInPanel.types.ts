export interface SignInPanelProps {
  /** Signs in with a code; rejects with an ApiError whose message is shown. */
  onSignIn(code: string): Promise<void>;
}
