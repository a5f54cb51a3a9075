export default defineBackground(() => {
  // Composition root: wired up as the lib/ services land.
});
