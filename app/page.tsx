export default function HomePage() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <h1 className="text-3xl font-semibold">Parcelpage</h1>
      <p className="mt-4 text-lg text-slate-700">
        Branded order tracking with honest delivery windows. Shoppers reach their tracking page from the link in
        their order email.
      </p>
    </main>
  );
}
