import { describe, expect, it } from "vitest";
import { domainVerification, reservedDomainReason } from "@/lib/merchants/domain-rules";

describe("which custom domains can be claimed", () => {
  it("refuses the platform host and everything under it, loopback names and IP literals", () => {
    for (const domain of ["track.example.test", "TRACK.example.test.", "a.b.track.example.test"]) {
      expect(reservedDomainReason(domain, "track.example.test"), domain).toMatch(/Parcelpage's own host/);
    }
    expect(reservedDomainReason("localhost", null)).toMatch(/loopback/);
    expect(reservedDomainReason("shop.localhost", null)).toMatch(/loopback/);
    for (const ip of ["127.0.0.1", "10.0.0.8", "::1", "[2001:db8::1]"]) expect(reservedDomainReason(ip, null), ip).toMatch(/IP address/);
  });

  it("allows look-alikes that are not under the platform host", () => {
    for (const domain of ["xtrack.example.test", "track.example.test.evil.example", "example.test", "track.shop.example"]) {
      expect(reservedDomainReason(domain, "track.example.test"), domain).toBeNull();
    }
  });

  it("shows the TXT record to publish, and whether it was seen", () => {
    const row = { customDomain: "track.shop.example", verifiedDomain: null, domainToken: "parcelpage-verify=abc" };
    expect(domainVerification(row)).toEqual({
      customDomainStatus: "pending",
      domainVerification: { type: "TXT", name: "_parcelpage.track.shop.example", value: "parcelpage-verify=abc" },
    });
    expect(domainVerification({ ...row, verifiedDomain: "track.shop.example" }).customDomainStatus).toBe("verified");
    expect(domainVerification({ ...row, customDomain: null })).toEqual({ customDomainStatus: null, domainVerification: null });
  });
});
