/** The app the JD simulator accepts out of the box (demos, tests). Never a real JD app. */
export const JD_SIM_APP = Object.freeze({
  appKey: "7A3F0C2B9D1E4F5A8B6C0D2E4F6A8B0C",
  appSecret: "tijarat-jd-simulator-secret",
});
