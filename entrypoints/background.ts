export default defineBackground(() => {
  console.log('Evidence Mapper background started');
});
