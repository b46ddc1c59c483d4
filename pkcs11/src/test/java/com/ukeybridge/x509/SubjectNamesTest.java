package com.ukeybridge.x509;

import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;

import javax.security.auth.x500.X500Principal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubjectNamesTest {
    @Test
    void whenNameIsChinese_thenItStaysChineseBothWays() {
        X500Principal name = SubjectNames.parse("CN=张三,OU=机构编制,O=山东省事业单位,C=CN");

        assertThat(SubjectNames.format(name)).isEqualTo("CN=张三,OU=机构编制,O=山东省事业单位,C=CN");
    }

    @Test
    void whenParsed_thenTheMostSpecificNameIsLastInDer() {
        X500Name der = X500Name.getInstance(SubjectNames.parse("CN=张三,O=单位,C=CN").getEncoded());

        assertThat(der.getRDNs()[0].getFirst().getType()).isEqualTo(BCStyle.C);
        assertThat(der.getRDNs()[2].getFirst().getType()).isEqualTo(BCStyle.CN);
        assertThat(der.getRDNs()[2].getFirst().getValue()).isInstanceOf(DERUTF8String.class);
        assertThat(((ASN1String) der.getRDNs()[2].getFirst().getValue()).getString()).isEqualTo("张三");
    }

    @Test
    void whenNameHasSerialNumberAndEmail_thenTheyAreNamedNotHex() {
        X500Principal name = SubjectNames.parse("SERIALNUMBER=91370000,EMAILADDRESS=clerk@example.gov.cn,CN=Clerk");

        assertThat(SubjectNames.format(name)).isEqualTo("SERIALNUMBER=91370000,EMAILADDRESS=clerk@example.gov.cn,CN=Clerk");
    }

    @Test
    void whenValueNeedsEscaping_thenItIsEscaped() {
        assertThat(SubjectNames.format(SubjectNames.parse("CN=Li\\, Si,O=A\\+B"))).isEqualTo("CN=Li\\, Si,O=A\\+B");
    }

    @Test
    void whenTheNameIsEmpty_thenRefused() {
        assertThatThrownBy(() -> SubjectNames.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenTextIsNotADistinguishedName_thenRefused() {
        assertThatThrownBy(() -> SubjectNames.parse("not a name")).isInstanceOf(IllegalArgumentException.class);
    }
}
