"""Module: Harmful practices: FGM, forced marriage and honour-based abuse."""

import datetime

MODULE = {
    "slug": "harmful-practices",
    "title": "Harmful practices: FGM, forced marriage and honour-based abuse",
    "summary": (
        "What female genital mutilation, forced marriage and honour-based abuse are, what the law "
        "says, the warning signs, your duties, and where to get help in Southampton."
    ),
    "audiences": ["all-frontline", "health", "education", "social-care", "police"],
    "outcomes": [
        (
            "By the end you will be able to explain what FGM, forced marriage and honour-based "
            "abuse are, and why they are abuse, not culture."
        ),
        (
            "By the end you will be able to describe the main laws, including the FGM mandatory "
            "reporting duty and the 2023 change to the minimum age of marriage."
        ),
        "By the end you will be able to recognise warning signs that someone may be at risk.",
        (
            "By the end you will be able to respond safely to a disclosure, using the 'one chance' "
            "rule."
        ),
        "By the end you will be able to find specialist help in Southampton and nationally.",
    ],
    "estimated_minutes": 75,
    "cpd_minutes": 75,
    "refresh_months": 36,
    "content_note": (
        "This module covers female genital mutilation (FGM), forced marriage and honour-based "
        "abuse, including threats, violence and harm to children. FGM is described in general "
        "terms, without graphic detail."
    ),
    "review_by": datetime.date(2027, 11, 1),
    "contact": "The Domestic Abuse Training Coordinator, through your agency lead",
    "lessons": [
        {
            "slug": "understanding-harmful-practices",
            "title": "Understanding harmful practices",
            "summary": (
                "What harmful practices are, why they are abuse and not culture, and why they need "
                "extra care."
            ),
            "minutes": 10,
            "distressing": False,
            "content_note": "",
            "body": [
                (
                    "text",
                    (
                        "<p>'Harmful practices' are forms of abuse that families or communities "
                        "may try to justify in the name of tradition, religion or 'honour'. This "
                        "module covers three of them: female genital mutilation (FGM), forced "
                        "marriage and honour-based abuse.</p><p>Southampton's Domestic Abuse and "
                        "VAWG Strategy includes all three as forms of violence against women and "
                        "girls. The city's PIPPA helpline covers domestic abuse \"including "
                        'harmful practices such as forced marriage and honour-based violence".</p>'
                    ),
                ),
                (
                    "heading",
                    {
                        "text": "Abuse, not culture",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        '<ul><li>The Home Office describes FGM as "a form of child abuse and '
                        'violence against women".</li><li>Government guidance says forced '
                        "marriage is a crime and a form of abuse. It affects people from many "
                        "communities and cultures, so cases should always be dealt with through "
                        "existing safeguarding structures, policies and procedures.</li><li>Karma "
                        "Nirvana, the charity that runs the national honour-based abuse and forced "
                        "marriage helpline, says honour-based abuse is not a cultural tradition or "
                        "religious practice. It is a form of abuse that can happen in any "
                        "community.</li></ul><p>Respecting someone's culture never means accepting "
                        "abuse. Your safeguarding duties are the same whatever a family's "
                        "background.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "title": "Arranged marriage is not forced marriage",
                        "text": (
                            "<p>In an arranged marriage, families may introduce the couple, but "
                            "both people freely choose whether to marry. In a forced marriage, one "
                            "or both do not consent, or cannot consent, and pressure or abuse is "
                            "used. A person can change their mind at any point, even on the "
                            "wedding day. If they are then made to go ahead, it becomes forced.</p>"
                        ),
                    },
                ),
                (
                    "heading",
                    {
                        "text": "What honour-based abuse means",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        "<p>Southampton's strategy explains honour-based abuse in plain words as "
                        "violence or threats by someone in a person's family or community \"to "
                        'protect the name of the family or community". Sometimes it is a '
                        "punishment for breaking the family's or community's rules. It can be "
                        "physical, sexual, financial or emotional abuse.</p><p>The Crown "
                        "Prosecution Service (CPS) says these crimes are often carried out by the "
                        "victim's family, extended family or members of their community. Karma "
                        "Nirvana adds that there are usually several perpetrators, who can be men "
                        "and women.</p>"
                    ),
                ),
                (
                    "accordion",
                    {
                        "sections": [
                            {
                                "heading": "Why these cases need extra care",
                                "content": (
                                    "<p>Because the abuse often comes from several family or "
                                    "community members, ordinary steps such as talking to "
                                    "relatives can increase the danger. Victims may fear what will "
                                    "happen if they speak out, and may be taken abroad. You may "
                                    "only get one chance to help (lesson 5 covers the 'one chance' "
                                    "rule).</p>"
                                ),
                            },
                            {
                                "heading": "Who can be affected",
                                "content": (
                                    "<p>Violence against women and girls is directed mostly, but "
                                    "not only, at women and girls. Government guidance recognises "
                                    "forced marriage as a form of violence against women and men. "
                                    "It can affect children, adults, and adults with care and "
                                    "support needs.</p>"
                                ),
                            },
                            {
                                "heading": "Links with domestic abuse",
                                "content": (
                                    "<p>The government regards forced marriage as a form of "
                                    "domestic abuse and, where children are affected, child abuse. "
                                    "Karma Nirvana's helpline data shows that many victims of "
                                    "honour-based abuse are abused by a partner or ex-partner, as "
                                    "well as by parents and other relatives.</p>"
                                ),
                            },
                        ],
                    },
                ),
                (
                    "reflection",
                    {
                        "question": (
                            "What worries or assumptions might stop you or your colleagues from "
                            "asking about harmful practices?"
                        ),
                        "hint": (
                            "For example, fear of causing offence, not knowing the words to use, "
                            "or believing it does not happen in your area."
                        ),
                    },
                ),
                (
                    "sources",
                    {
                        "sources": [
                            {
                                "title": (
                                    "Southampton Domestic Abuse and VAWG Strategy 2023–2028, "
                                    "Southampton City Council"
                                ),
                                "url": "https://www.southampton.gov.uk/domestic-abuse/",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Mandatory reporting of female genital mutilation: procedural "
                                    "information, Home Office, GOV.UK (updated 22 January 2020)"
                                ),
                                "url": (
                                    "https://www.gov.uk/government/publications/mandatory-reporting-of-female-genital-mutilation-procedural-information"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Multi-agency statutory guidance for dealing with forced "
                                    "marriage and multi-agency practice guidelines: handling cases "
                                    "of forced marriage, HM Government, GOV.UK (updated 13 April "
                                    "2023)"
                                ),
                                "url": (
                                    "https://www.gov.uk/government/publications/the-right-to-choose-government-guidance-on-forced-marriage"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Forced marriage: information and practice guidelines for "
                                    "professionals, GOV.UK"
                                ),
                                "url": "https://www.gov.uk/forced-marriage",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": "FAQs for individuals, Karma Nirvana",
                                "url": (
                                    "https://karmanirvana.org.uk/get-help/faqs/faqs-for-individuals"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "FAQs: what is honour based abuse; arranged and forced "
                                    "marriage, Karma Nirvana"
                                ),
                                "url": "http://www.karmanirvana.org.uk/faqs/",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "What is 'honour'-based abuse and harmful practices?, Crown "
                                    "Prosecution Service"
                                ),
                                "url": (
                                    "https://www.cps.gov.uk/types-crime/violence-against-women-and-girls/honour-based-abuse/what-honour-based-abuse-and-harmful-practices"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Written evidence submitted by Karma Nirvana (COR0054), UK "
                                    "Parliament"
                                ),
                                "url": (
                                    "https://committees.parliament.uk/writtenevidence/2125/html/"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Helpline cases up 35% since 2021/22: latest report from Karma "
                                    "Nirvana"
                                ),
                                "url": (
                                    "https://karmanirvana.org.uk/news-item/helpline-cases-up-35-since-2021-22-latest-report-from-karma-nirvana"
                                ),
                                "date_checked": "2026-11-22",
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "fgm-what-the-law-says",
            "title": "FGM: what it is and what the law says",
            "summary": (
                "What FGM is, the offences under the Female Genital Mutilation Act 2003, and FGM "
                "Protection Orders."
            ),
            "minutes": 12,
            "distressing": True,
            "content_note": (
                "This lesson describes what FGM is and its effects on girls and women, in general "
                "terms."
            ),
            "body": [
                (
                    "text",
                    (
                        "<p>Female genital mutilation (FGM) means all procedures that involve "
                        "partly or totally removing the external female genitalia, or other injury "
                        "to the female genital organs, for non-medical reasons. It may be called "
                        "'cutting', 'circumcision' or 'initiation', or by other names.</p><p>FGM "
                        "has no health benefits. It causes severe pain and can cause immediate and "
                        "long-term health problems, including difficulties in childbirth. It may "
                        "be done when a girl is a baby, during childhood or adolescence, just "
                        "before marriage or during a first pregnancy. Most cases are thought to "
                        "happen between the ages of 5 and 8. It can happen in the UK or abroad.</p>"
                    ),
                ),
                (
                    "legislation",
                    {
                        "quote": (
                            "A person is guilty of an offence if he excises, infibulates or "
                            "otherwise mutilates the whole or any part of a girl's labia majora, "
                            "labia minora or clitoris."
                        ),
                        "citation": "Female Genital Mutilation Act 2003, section 1(1)",
                        "url": "https://www.legislation.gov.uk/ukpga/2003/31/section/1",
                    },
                ),
                (
                    "heading",
                    {
                        "text": "What is against the law",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        "<p>The Female Genital Mutilation Act 2003, as amended by the Serious "
                        "Crime Act 2015, makes it an offence to:</p><ul><li>carry out FGM (section "
                        "1);</li><li>help a girl to mutilate her own genitalia (section "
                        "2);</li><li>help a person who is not a UK national or resident to carry "
                        "out FGM abroad on a girl who is a UK national or resident (section "
                        "3);</li><li>do any of these abroad, if you are a UK national or UK "
                        "resident (section 4). This is why taking a girl abroad for FGM, or "
                        "arranging it, is a crime.</li></ul><p>Since 2015 it has also been an "
                        "offence to fail to protect a girl under 16 from FGM (section 3A). This "
                        "applies to anyone with parental responsibility who has frequent contact "
                        "with her, and to any adult who has taken on caring for her like a "
                        "parent.</p><p>The maximum sentence for carrying out FGM is 14 years in "
                        "prison. Victims have lifelong anonymity.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "title": "Where it happens does not matter",
                        "text": (
                            "<p>It does not matter whether FGM is legal in the country where it is "
                            "done. Arranging or taking part in FGM of a UK national or resident "
                            "abroad is still a crime under UK law. The Act also says that a belief "
                            "that FGM is required as a matter of custom or ritual does not make it "
                            "necessary for a girl's health.</p>"
                        ),
                    },
                ),
                (
                    "heading",
                    {
                        "text": "FGM Protection Orders",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        "<p>FGM Protection Orders came into force on 17 July 2015. A family court "
                        "can make one to protect a girl or woman at risk of FGM, or one who has "
                        "already had FGM. The order can include whatever conditions the court "
                        "thinks are needed, for example to stop her being taken abroad. It can "
                        "cover conduct outside England and Wales, and people other than the main "
                        "respondent.</p><p>Who can apply:</p><ul><li>the girl or woman "
                        "herself;</li><li>a 'relevant third party', such as a local "
                        "authority;</li><li>anyone else, with the court's permission, for example "
                        "the police.</li></ul><p>A court can also make an order during other "
                        "family proceedings without an application. Breaking an FGM Protection "
                        "Order is a criminal offence.</p>"
                    ),
                ),
                (
                    "practice_point",
                    {
                        "text": (
                            "<p>If you think a girl is at immediate risk, for example she is about "
                            "to be taken abroad for FGM, call 999. Then follow your safeguarding "
                            "procedures and contact the Children's Resource Service (formerly the "
                            "MASH). Families who want to resist pressure can be given the Home "
                            "Office's 'Statement opposing female genital mutilation', which "
                            "explains UK law and can be taken abroad.</p>"
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "question": (
                            "If a parent told you they felt pressure from relatives to have their "
                            "daughter cut on a family visit abroad, what would you say and do?"
                        ),
                        "hint": (
                            "Think about the law, the statement opposing FGM, your safeguarding "
                            "lead, and the Children's Resource Service."
                        ),
                    },
                ),
                (
                    "sources",
                    {
                        "sources": [
                            {
                                "title": (
                                    "Mandatory reporting of female genital mutilation: procedural "
                                    "information, Home Office, GOV.UK (updated 22 January 2020)"
                                ),
                                "url": (
                                    "https://www.gov.uk/government/publications/mandatory-reporting-of-female-genital-mutilation-procedural-information"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Female genital mutilation (FGM) protection orders (FGM700), "
                                    "HM Courts & Tribunals Service, GOV.UK"
                                ),
                                "url": (
                                    "https://www.gov.uk/government/publications/female-genital-mutilation-protection-orders-fgm700/female-genital-mutilation-fgm-protection-orders"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": "Female Genital Mutilation Act 2003, section 1",
                                "url": "https://www.legislation.gov.uk/ukpga/2003/31/section/1",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Female Genital Mutilation Act 2003 (as amended), sections 1 "
                                    "to 5B and Schedule 2"
                                ),
                                "url": "https://www.legislation.gov.uk/ukpga/2003/31/contents",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": "Female Genital Mutilation Act 2003, explanatory notes",
                                "url": "https://www.legislation.gov.uk/ukpga/2003/31/notes",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Serious Crime Act 2015, section 72 (offence of failing to "
                                    "protect girl from risk of genital mutilation)"
                                ),
                                "url": "https://www.legislation.gov.uk/ukpga/2015/9/section/72",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Serious Crime Act 2015, section 73 (female genital mutilation "
                                    "protection orders)"
                                ),
                                "url": "https://www.legislation.gov.uk/ukpga/2015/9/section/73",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Female genital mutilation, Authorised Professional Practice, "
                                    "College of Policing"
                                ),
                                "url": (
                                    "https://www.college.police.uk/app/major-investigation-and-public-protection/female-genital-mutilation"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "FGM Protection Orders will strengthen police ability to "
                                    "protect and safeguard those at risk, National Police Chiefs' "
                                    "Council (17 July 2015)"
                                ),
                                "url": (
                                    "https://news.npcc.police.uk/releases/fgm-protection-orders-will-strengthen-police-ability-to-protect-and-safeguard-those-at-risk"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Support for victims of harmful practices, Brighton & Hove "
                                    "City Council"
                                ),
                                "url": (
                                    "https://www.brighton-hove.gov.uk/community-safety-partnership/support-victims-domestic-abuse-sexual-violence-stalking-and-harassment/support-victims-harmful-practices"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Statement opposing female genital mutilation, Home Office, "
                                    "GOV.UK"
                                ),
                                "url": (
                                    "https://www.gov.uk/government/publications/statement-opposing-female-genital-mutilation"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Southampton Domestic Abuse and VAWG Strategy 2023–2028, "
                                    "Southampton City Council"
                                ),
                                "url": "https://www.southampton.gov.uk/domestic-abuse/",
                                "date_checked": "2026-11-22",
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "fgm-signs-and-mandatory-reporting",
            "title": "FGM: warning signs and the mandatory reporting duty",
            "summary": (
                "Signs that a girl may be at risk of FGM or may have had it, and how the mandatory "
                "reporting duty works."
            ),
            "minutes": 14,
            "distressing": True,
            "content_note": (
                "This lesson describes signs that a girl may have had FGM, and includes a case "
                "study about a disclosure by a 14-year-old."
            ),
            "body": [
                (
                    "text",
                    (
                        "<p>A key risk factor is whether FGM is practised in the girl's family or "
                        "community. One sign on its own does not prove anything. But if you notice "
                        "any of these, talk to your safeguarding lead and follow your safeguarding "
                        "procedures.</p>"
                    ),
                ),
                (
                    "heading",
                    {
                        "text": "Signs a girl may be at risk",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        "<ul><li>Her mother, sister or another female relative has had "
                        "FGM.</li><li>She talks about a 'special procedure', or a special occasion "
                        "or ceremony to 'become a woman' or prepare for marriage.</li><li>The "
                        "family plans a long holiday to a country where FGM is practised, "
                        "especially at the start of the summer holidays.</li><li>A female elder "
                        "from the family is visiting from abroad.</li><li>She asks a teacher or "
                        "another adult for help because she is worried something will happen to "
                        "her.</li></ul>"
                    ),
                ),
                (
                    "heading",
                    {
                        "text": "Signs FGM may already have happened",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        "<ul><li>Difficulty walking, sitting or standing.</li><li>Spending much "
                        "longer than usual in the toilet.</li><li>Frequent urinary, menstrual or "
                        "stomach problems, or pain between the legs.</li><li>A long or unexplained "
                        "absence from school, with changes in behaviour on return.</li><li>Being "
                        "very reluctant to have normal medical examinations.</li><li>Asking for "
                        "help without being clear about the problem, because of embarrassment or "
                        "fear.</li></ul>"
                    ),
                ),
                (
                    "heading",
                    {
                        "text": "The mandatory reporting duty",
                        "level": "h2",
                    },
                ),
                (
                    "legislation",
                    {
                        "quote": (
                            "A person who works in a regulated profession in England and Wales "
                            'must make a notification under this section (an "FGM notification") '
                            "if, in the course of his or her work in the profession, the person "
                            "discovers that an act of female genital mutilation appears to have "
                            "been carried out on a girl who is aged under 18."
                        ),
                        "citation": (
                            "Female Genital Mutilation Act 2003, section 5B(1), inserted by the "
                            "Serious Crime Act 2015, section 74"
                        ),
                        "url": "https://www.legislation.gov.uk/ukpga/2003/31/section/5B",
                    },
                ),
                (
                    "accordion",
                    {
                        "sections": [
                            {
                                "heading": "Who the duty applies to",
                                "content": (
                                    "<p>Regulated health and social care professionals and "
                                    "teachers in England and Wales. For example, doctors, nurses, "
                                    "midwives and social workers who are registered with a "
                                    "regulator, and teachers. It came into force on 31 October "
                                    "2015.</p>"
                                ),
                            },
                            {
                                "heading": "What counts as a 'known' case",
                                "content": (
                                    "<p>The duty covers girls under 18 where either the girl tells "
                                    "you that FGM has been done to her (however she describes it), "
                                    "or you see physical signs that appear to show FGM and you "
                                    "have no reason to think they come from necessary surgery. It "
                                    "does not cover girls you think are at risk, cases you only "
                                    "suspect, or women aged 18 and over. For those, follow your "
                                    "normal safeguarding procedures.</p>"
                                ),
                            },
                            {
                                "heading": "How and when to report",
                                "content": (
                                    "<p>Call the police on <b>101</b>. Give your details, the "
                                    "girl's name, age and address, and why you are reporting. "
                                    "Report as soon as possible: normally by the close of the next "
                                    "working day. The law sets an outer limit of one month from "
                                    "when you discover it; longer timescales are only for "
                                    "exceptional cases and should be discussed with your "
                                    "safeguarding lead.</p>"
                                ),
                            },
                            {
                                "heading": "It is a personal duty",
                                "content": (
                                    "<p>You must make the report yourself. You cannot pass it to "
                                    "your safeguarding lead or a colleague. The only exception is "
                                    "if you know another professional in your own profession has "
                                    "already reported the same case. Making a report does not "
                                    "breach confidentiality. If you do not comply, your "
                                    "professional regulator or employer may take action through "
                                    "existing disciplinary or fitness to practise procedures.</p>"
                                ),
                            },
                        ],
                    },
                ),
                (
                    "practice_point",
                    {
                        "text": (
                            "<p>Reporting to the police does not replace your usual safeguarding "
                            "duties. Tell your safeguarding lead, and think about other girls in "
                            "the family who may be at risk. The duty does not mean you should "
                            "examine a girl to look for FGM: health professionals should follow "
                            "their own professional guidance.</p>"
                        ),
                    },
                ),
                (
                    "case_study",
                    {
                        "title": "Maryam talks to the school nurse",
                        "scenario": (
                            "<p>Maryam, aged 14, comes to see the school nurse about period pain. "
                            "During the conversation she says she was 'cut' during a family trip "
                            "abroad when she was about 9. She says her little sister, aged 7, is "
                            "going on the same trip this summer.</p>"
                        ),
                        "questions": (
                            "<p>Does the mandatory reporting duty apply? Who must report, how, and "
                            "by when? What else needs to happen?</p>"
                        ),
                        "discussion": (
                            "<p>Yes. Maryam is under 18 and has told a regulated health "
                            "professional that FGM was done to her. The school nurse must "
                            "personally call 101, normally by the close of the next working day, "
                            "and must not pass the duty to anyone else. The nurse should also tell "
                            "the school's designated safeguarding lead. Maryam's sister has not "
                            "had FGM, so the mandatory duty does not cover her, but she may be at "
                            "risk: make a safeguarding referral to the Children's Resource Service "
                            "straight away. An FGM Protection Order may be considered. Maryam "
                            "should be offered health care and specialist support.</p>"
                        ),
                    },
                ),
                (
                    "get_help",
                    {
                        "heading": "Where to get help",
                        "services": ["emergency-999", "police-101", "pippa", "yellow-door"],
                    },
                ),
                (
                    "sources",
                    {
                        "sources": [
                            {
                                "title": (
                                    "Multi-agency statutory guidance on female genital mutilation, "
                                    "HM Government, GOV.UK (updated July 2020)"
                                ),
                                "url": (
                                    "https://www.gov.uk/government/publications/multi-agency-statutory-guidance-on-female-genital-mutilation"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": "Risk factors for female genital mutilation, Educare",
                                "url": "https://www.educare.co.uk/resources/risk-factors-for-fgm",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Female genital mutilation (FGM) protection orders (FGM700), "
                                    "HM Courts & Tribunals Service, GOV.UK"
                                ),
                                "url": (
                                    "https://www.gov.uk/government/publications/female-genital-mutilation-protection-orders-fgm700/female-genital-mutilation-fgm-protection-orders"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Mandatory reporting of female genital mutilation: procedural "
                                    "information, Home Office, GOV.UK (updated 22 January 2020)"
                                ),
                                "url": (
                                    "https://www.gov.uk/government/publications/mandatory-reporting-of-female-genital-mutilation-procedural-information"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "FGM mandatory reporting duty: what you need to do (quick "
                                    "guide and poster for healthcare professionals), GOV.UK"
                                ),
                                "url": (
                                    "https://www.gov.uk/government/publications/fgm-mandatory-reporting-in-healthcare"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Female Genital Mutilation Act 2003 (as amended), sections 1 "
                                    "to 5B and Schedule 2"
                                ),
                                "url": "https://www.legislation.gov.uk/ukpga/2003/31/contents",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Serious Crime Act 2015, section 74 (duty to notify police of "
                                    "female genital mutilation)"
                                ),
                                "url": "https://www.legislation.gov.uk/ukpga/2015/9/section/74",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": "Reporting FGM: your obligations, Medical Defence Union",
                                "url": (
                                    "https://www.themdu.com/guidance-and-advice/guides/reporting-fgm-your-obligations"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Southampton Domestic Abuse and VAWG Strategy 2023–2028, "
                                    "Southampton City Council"
                                ),
                                "url": "https://www.southampton.gov.uk/domestic-abuse/",
                                "date_checked": "2026-11-22",
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "forced-marriage-and-the-law",
            "title": "Forced marriage and the law",
            "summary": (
                "The forced marriage offence, the ban on marriage under 18, Forced Marriage "
                "Protection Orders and the Forced Marriage Unit."
            ),
            "minutes": 12,
            "distressing": True,
            "content_note": (
                "This lesson describes the pressure, threats and violence used to force people "
                "into marriage, including children."
            ),
            "body": [
                (
                    "text",
                    (
                        "<p>A forced marriage is one where one or both people do not consent, or "
                        "cannot consent (for example because of a learning disability), and "
                        "pressure or abuse is used. The pressure can be physical, including "
                        "threats, violence and sexual violence. It can be emotional and "
                        "psychological, for example making someone feel they are bringing shame on "
                        "their family. It can be financial, such as taking someone's wages.</p>"
                    ),
                ),
                (
                    "legislation",
                    {
                        "quote": (
                            "A person commits an offence under the law of England and Wales if he "
                            "or she— (a) uses violence, threats or any other form of coercion for "
                            "the purpose of causing another person to enter into a marriage, and "
                            "(b) believes, or ought reasonably to believe, that the conduct may "
                            "cause the other person to enter into the marriage without free and "
                            "full consent."
                        ),
                        "citation": (
                            "Anti-social Behaviour, Crime and Policing Act 2014, section 121(1)"
                        ),
                        "url": "https://www.legislation.gov.uk/ukpga/2014/12/section/121",
                    },
                ),
                (
                    "text",
                    (
                        "<p>Forced marriage became a criminal offence on 16 June 2014. The law "
                        "also covers:</p><ul><li>people who lack capacity to consent to marriage: "
                        "any conduct aimed at making them marry is an offence, even without "
                        "threats or force;</li><li>using deception to take someone out of the UK "
                        "so they can be forced to marry abroad;</li><li>religious and cultural "
                        "ceremonies, not only legally registered marriages.</li></ul><p>The "
                        "offence is committed whether or not the marriage goes ahead. The maximum "
                        "sentence is 7 years in prison.</p>"
                    ),
                ),
                (
                    "heading",
                    {
                        "text": "Marriage under 18 is now illegal",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        "<p>The Marriage and Civil Partnership (Minimum Age) Act 2022 came into "
                        "force on 27 February 2023. Since then, no one under 18 can marry or enter "
                        "a civil partnership in England and Wales, even with parental "
                        "consent.</p><p>It is now an offence to do anything intended to cause a "
                        "child to marry before their 18th birthday, whether or not any coercion is "
                        "used. This includes ceremonies that are not legally binding, such as "
                        "religious, community or traditional ceremonies.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "title": "Any plan to marry a child is a safeguarding concern",
                        "text": (
                            "<p>If you learn that anyone is planning a marriage or marriage "
                            "ceremony for someone under 18, treat it as a child protection concern "
                            "and follow your safeguarding procedures. You do not need evidence of "
                            "force or threats.</p>"
                        ),
                    },
                ),
                (
                    "heading",
                    {
                        "text": "Forced Marriage Protection Orders",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        "<p>A Forced Marriage Protection Order is a civil court order under Part "
                        "4A of the Family Law Act 1996. It can protect someone from being forced "
                        "into marriage, or someone who has already been forced into marriage. One "
                        "order can protect more than one person, such as brothers and "
                        "sisters.</p><p>The person at risk can apply, and so can a local "
                        "authority. Others, such as the police, can apply with the court's "
                        "permission. Breaking an order has been a criminal offence since 2014, "
                        "with a maximum sentence of 5 years, so the police can arrest for a "
                        "breach.</p>"
                    ),
                ),
                (
                    "heading",
                    {
                        "text": "The Forced Marriage Unit",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        "<p>The Forced Marriage Unit (FMU) is a joint Foreign, Commonwealth & "
                        "Development Office and Home Office unit. It leads on the government's "
                        "forced marriage policy, outreach and casework. Its helpline gives advice "
                        "and support to victims and to professionals dealing with cases. In the UK "
                        "it supports anyone; overseas it gives consular help to British nationals, "
                        "including dual nationals.</p><p>Call the Forced Marriage Unit on <b>020 "
                        "7008 0151</b>. If someone is in immediate danger, call 999.</p>"
                    ),
                ),
                (
                    "get_help",
                    {
                        "heading": "Where to get help",
                        "services": [
                            "emergency-999",
                            "forced-marriage-unit",
                            "karma-nirvana",
                            "pippa",
                        ],
                    },
                ),
                (
                    "sources",
                    {
                        "sources": [
                            {
                                "title": (
                                    "Forced marriage: information and practice guidelines for "
                                    "professionals, GOV.UK"
                                ),
                                "url": "https://www.gov.uk/forced-marriage",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Anti-social Behaviour, Crime and Policing Act 2014, section "
                                    "121"
                                ),
                                "url": "https://www.legislation.gov.uk/ukpga/2014/12/section/121",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Anti-social Behaviour, Crime and Policing Act 2014, "
                                    "explanatory notes to section 121"
                                ),
                                "url": (
                                    "https://www.legislation.gov.uk/ukpga/2014/12/section/121/notes"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Anti-social Behaviour, Crime and Policing Act 2014, "
                                    "explanatory notes to section 120 (breach of a forced marriage "
                                    "protection order)"
                                ),
                                "url": (
                                    "https://www.legislation.gov.uk/ukpga/2014/12/notes/division/5/12"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Forced marriage becomes a criminal offence from 16 June 2014, "
                                    "Spire Solicitors"
                                ),
                                "url": (
                                    "https://www.spiresolicitors.co.uk/news/forced-marriage-becomes-a-criminal-offence-from-16-june-2014/"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": "Marriage and Civil Partnership (Minimum Age) Act 2022",
                                "url": "https://www.legislation.gov.uk/ukpga/2022/28/contents",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Implementation of the Marriage and Civil Partnership (Minimum "
                                    "Age) Act 2022, Ministry of Justice announcement (via WiredGov)"
                                ),
                                "url": (
                                    "https://www.wired-gov.net/wg/news.nsf/articles/implementation+of+the+marriage+and+civil+partnership+minimum+age+act+2022+10082022101000?open"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "How to get in touch with the Forced Marriage Unit (Forced "
                                    "Marriage Protection Orders explained), ITV News"
                                ),
                                "url": (
                                    "https://itv.com/news/london/2014-07-11/how-to-get-in-touch-with-the-forced-marriage-unit"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": "Forced Marriage Unit, London Victim and Witness Service",
                                "url": "https://londonvws.org.uk/services/forced-marriage-unit/",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Multi-agency statutory guidance for dealing with forced "
                                    "marriage and multi-agency practice guidelines: handling cases "
                                    "of forced marriage, HM Government, GOV.UK (updated 13 April "
                                    "2023)"
                                ),
                                "url": (
                                    "https://www.gov.uk/government/publications/the-right-to-choose-government-guidance-on-forced-marriage"
                                ),
                                "date_checked": "2026-11-22",
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "warning-signs-and-the-one-chance-rule",
            "title": "Warning signs and the 'one chance' rule",
            "summary": (
                "How to spot that someone may be at risk of forced marriage or honour-based abuse, "
                "and how to respond safely the first time they ask for help."
            ),
            "minutes": 14,
            "distressing": True,
            "content_note": (
                "This lesson includes a case study about a young woman who fears she will be "
                "harmed if she refuses a marriage."
            ),
            "body": [
                (
                    "text",
                    (
                        "<p>Government guidance lists potential warning signs of forced marriage. "
                        "They are not a complete list. One sign does not prove someone is at risk, "
                        "and the same signs can point to other kinds of abuse. Look at the whole "
                        "picture and ask.</p>"
                    ),
                ),
                (
                    "accordion",
                    {
                        "sections": [
                            {
                                "heading": "Education",
                                "content": (
                                    "<ul><li>Absence, or persistent absence.</li><li>Requests for "
                                    "long leave, or not returning from a visit to the family's "
                                    "country of origin.</li><li>Being watched or escorted by "
                                    "brothers, sisters or cousins.</li><li>A drop in behaviour, "
                                    "engagement, performance or punctuality.</li><li>Being taken "
                                    "out of school, not allowed to join activities, or stopped "
                                    "from going on to further or higher education.</li></ul>"
                                ),
                            },
                            {
                                "heading": "Health",
                                "content": (
                                    "<ul><li>Self-harm or attempted suicide.</li><li>Depression, "
                                    "eating disorders or isolation.</li><li>Substance "
                                    "misuse.</li><li>Early or unwanted pregnancy.</li></ul>"
                                ),
                            },
                            {
                                "heading": "Family",
                                "content": (
                                    "<ul><li>Brothers or sisters forced to marry, or married "
                                    "early.</li><li>Running away from home.</li><li>Strict "
                                    "restrictions, such as being kept at home ('house arrest') or "
                                    "having no access to money.</li></ul>"
                                ),
                            },
                            {
                                "heading": "Work",
                                "content": (
                                    "<ul><li>Poor attendance or performance.</li><li>Not being "
                                    "allowed to work, or being taken to and from "
                                    "work.</li><li>Wages or income being taken by others.</li></ul>"
                                ),
                            },
                        ],
                    },
                ),
                (
                    "heading",
                    {
                        "text": "The 'one chance' rule",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        "<p>Government guidance asks everyone working with victims of forced "
                        "marriage and honour-based abuse to know the 'one chance' rule. You may "
                        "only have one chance to speak to a potential victim, and so you may only "
                        "have one chance to save a life. If the person walks out of the door "
                        "without support, that chance may be lost.</p>"
                    ),
                ),
                (
                    "text",
                    (
                        "<p><b>Do:</b></p><ul><li>see the person on their own, even if they came "
                        "with others;</li><li>talk somewhere safe and private where you will not "
                        "be overheard;</li><li>explain what you can keep confidential and what you "
                        "must share;</li><li>listen, believe them and take what they say "
                        "seriously;</li><li>agree a safe way to contact them again, such as a code "
                        "word;</li><li>record what they tell you accurately and keep it "
                        "secure;</li><li>get advice straight away from your safeguarding lead, the "
                        "Forced Marriage Unit or Karma Nirvana;</li><li>call 999 if they are in "
                        "immediate danger or about to be taken abroad.</li></ul><p><b>Do "
                        "not:</b></p><ul><li>send them away or let them leave without a safety "
                        "plan and a way to follow up;</li><li>contact their family, friends or "
                        "community, or approach community leaders for advice, unless they ask you "
                        "to and specialists agree it is safe;</li><li>try to mediate or suggest "
                        "family counselling or reconciliation;</li><li>share information with "
                        "anyone who does not need to know.</li></ul>"
                    ),
                ),
                (
                    "case_study",
                    {
                        "title": "Priya at the housing office",
                        "scenario": (
                            "<p>Priya, aged 19, comes to the housing office with her older brother "
                            "to sort out a rent query. While he steps outside to take a phone "
                            "call, she tells you quietly that her family is arranging her marriage "
                            "abroad next month. She says that if she refuses she will 'disappear'. "
                            "She asks you not to say anything in front of her brother.</p>"
                        ),
                        "questions": (
                            "<p>What do you do in the next few minutes? What must you not do? Who "
                            "can you contact for advice?</p>"
                        ),
                        "discussion": (
                            "<p>This may be your one chance. Keep calm and find a reason to keep "
                            "talking to Priya privately. Do not tell her brother or contact the "
                            "family. Ask if she is safe to go home today, and if not, call 999. "
                            "Agree a safe way to reach her, such as a time to call or a code word, "
                            "and ask when and where she is due to travel. Give her the Forced "
                            "Marriage Unit (020 7008 0151) and Karma Nirvana (0800 5999 247) "
                            "numbers only if it is safe for her to have them. Tell your "
                            "safeguarding lead straight away and get specialist advice from the "
                            "FMU, Karma Nirvana or the PIPPA helpline (023 8091 7917), which can, "
                            "with her consent, complete a DASH risk assessment. Record what she "
                            "said and keep it secure. A Forced Marriage Protection Order may be "
                            "possible.</p>"
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "question": (
                            "If someone disclosed a risk of forced marriage in your workplace "
                            "today, where could you talk to them privately, and who would you call "
                            "first?"
                        ),
                        "hint": "Find out now: waiting until it happens wastes the one chance.",
                    },
                ),
                (
                    "get_help",
                    {
                        "heading": "Where to get help",
                        "services": [
                            "emergency-999",
                            "forced-marriage-unit",
                            "karma-nirvana",
                            "pippa",
                        ],
                    },
                ),
                (
                    "sources",
                    {
                        "sources": [
                            {
                                "title": (
                                    "Multi-agency statutory guidance for dealing with forced "
                                    "marriage and multi-agency practice guidelines: handling cases "
                                    "of forced marriage, HM Government, GOV.UK (updated 13 April "
                                    "2023)"
                                ),
                                "url": (
                                    "https://www.gov.uk/government/publications/the-right-to-choose-government-guidance-on-forced-marriage"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "I'm worried about someone: warning signs of forced marriage, "
                                    "Against Forced Marriages"
                                ),
                                "url": "http://againstforcedmarriages.org/worried",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Multi-agency practice guidelines: handling cases of forced "
                                    "marriage (summary), BASW"
                                ),
                                "url": (
                                    "https://www.basw.co.uk/resources/multi-agency-practice-guidelines-handling-cases-forced-marriage"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Forced marriage practitioner guidance (2014), one chance "
                                    "checklist, Scottish Government"
                                ),
                                "url": (
                                    "https://www.gov.scot/publications/forced-marriage-practitioner-guidance-update-2014/pages/3/"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Forced marriage: information and practice guidelines for "
                                    "professionals, GOV.UK"
                                ),
                                "url": "https://www.gov.uk/forced-marriage",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Southampton Domestic Abuse and VAWG Strategy 2023–2028, "
                                    "Southampton City Council"
                                ),
                                "url": "https://www.southampton.gov.uk/domestic-abuse/",
                                "date_checked": "2026-11-22",
                            },
                        ],
                    },
                ),
            ],
        },
        {
            "slug": "honour-based-abuse-and-local-support",
            "title": "Honour-based abuse and getting help in Southampton",
            "summary": (
                "How honour-based abuse is defined and prosecuted, and the local and national "
                "services that can help."
            ),
            "minutes": 13,
            "distressing": True,
            "content_note": (
                "This lesson describes threats, violence and other abuse carried out in the name "
                "of 'honour'."
            ),
            "body": [
                (
                    "text",
                    (
                        "<p>There is no specific criminal offence called 'honour-based abuse'. "
                        "Instead, the police and Crown Prosecution Service (CPS) use a range of "
                        "offences, looking at the wider circumstances of each case.</p>"
                    ),
                ),
                (
                    "key_fact",
                    {
                        "title": "How the CPS defines honour-based abuse",
                        "text": (
                            '<p>"An incident or crime involving violence, threats of violence, '
                            "intimidation, coercion or abuse (psychological, physical, sexual, "
                            "financial or emotional abuse), which has or may have been committed "
                            "to protect or defend the honour of an individual, family and/or "
                            "community for alleged or perceived breaches of the family and/or "
                            "community's code of behaviour.\"</p>"
                        ),
                    },
                ),
                (
                    "text",
                    (
                        "<p><b>A change in the law is on the way.</b> In February 2026 the "
                        "government tabled amendments to add a statutory definition of "
                        "'honour'-based abuse to the Crime and Policing Bill, with a power to "
                        "issue multi-agency statutory guidance. When we last checked, we could not "
                        "confirm when these will come into force. Ask your safeguarding lead, or "
                        "check GOV.UK, for the current position.</p>"
                    ),
                ),
                (
                    "heading",
                    {
                        "text": "What it can look like",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        "<p>The CPS says honour-based abuse cases often involve offences such as "
                        "controlling or coercive behaviour, stalking or harassment, assault, rape "
                        "and other sexual offences, FGM, forced marriage, and murder. It also "
                        "lists practices such as dowry abuse, virginity testing, spiritual abuse "
                        "and immigration-related abuse.</p><p>The 'trigger' is something the "
                        "family or community sees as bringing shame. Examples include having a "
                        "boyfriend or girlfriend, a relationship the family does not approve of, "
                        "wanting to separate or divorce, being seen as 'too westernised', wanting "
                        "an education, or challenging what the family expects.</p>"
                    ),
                ),
                (
                    "practice_point",
                    {
                        "text": (
                            "<p>Do not manage honour-based abuse on your own. Speak to your "
                            "safeguarding lead the same day and get specialist advice. Remember "
                            "that there may be several perpetrators, so safety planning must "
                            "consider the wider family and community. Never share where the person "
                            "is living or staying with their family.</p>"
                        ),
                    },
                ),
                (
                    "heading",
                    {
                        "text": "Help in Southampton",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        "<ul><li><b>PIPPA helpline: 023 8091 7917.</b> For domestic abuse, "
                        "including harmful practices such as forced marriage and honour-based "
                        "violence. Open to practitioners and the public. Trained specialists give "
                        "guidance, support and safety advice and, with consent, complete a DASH "
                        "risk assessment.</li><li><b>High risk:</b> referrals go through the "
                        "Children's Resource Service (formerly the MASH) into the High-Risk "
                        "Domestic Abuse (HRDA) process, and on to the IDVA "
                        "service.</li><li><b>Diversity and Inclusion Advocacy service:</b> the "
                        "city's strategy describes a specialist service that supports survivors of "
                        "harmful practices, such as FGM and forced marriage, and raises awareness "
                        "in communities. The council's 2018/19 scrutiny report describes Diversity "
                        "and Inclusion Advocacy work by Yellow Door, a local charity, with "
                        "marginalised and minority groups. Ask the PIPPA helpline how to "
                        "refer.</li></ul>"
                    ),
                ),
                (
                    "heading",
                    {
                        "text": "National help",
                        "level": "h2",
                    },
                ),
                (
                    "text",
                    (
                        "<ul><li><b>Karma Nirvana: 0800 5999 247.</b> The national honour-based "
                        "abuse and forced marriage helpline, for victims and for "
                        "professionals.</li><li><b>Forced Marriage Unit: 020 7008 "
                        "0151.</b></li><li><b>National Domestic Abuse Helpline: 0808 2000 "
                        "247.</b></li><li><b>Police:</b> 999 in an emergency; 101 for "
                        "non-emergencies and for FGM mandatory reports.</li></ul>"
                    ),
                ),
                (
                    "reflection",
                    {
                        "question": (
                            "Does your service's safeguarding policy mention FGM, forced marriage "
                            "and honour-based abuse? Who is your lead for them?"
                        ),
                        "hint": (
                            "If the answer is no or you are not sure, raise it with your manager."
                        ),
                    },
                ),
                (
                    "get_help",
                    {
                        "heading": "Where to get help",
                        "services": [
                            "emergency-999",
                            "police-101",
                            "pippa",
                            "yellow-door",
                            "karma-nirvana",
                            "forced-marriage-unit",
                            "national-da-helpline",
                        ],
                    },
                ),
                (
                    "sources",
                    {
                        "sources": [
                            {
                                "title": (
                                    "What is 'honour'-based abuse and harmful practices?, Crown "
                                    "Prosecution Service"
                                ),
                                "url": (
                                    "https://www.cps.gov.uk/types-crime/violence-against-women-and-girls/honour-based-abuse/what-honour-based-abuse-and-harmful-practices"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Crime and Policing Bill: delegated powers memorandum, 23 "
                                    "February 2026 (new clauses on 'honour'-based abuse), Home "
                                    "Office, GOV.UK"
                                ),
                                "url": (
                                    "https://www.gov.uk/government/publications/crime-and-policing-bill-2025-delegated-powers-supplementary-memoranda/delegated-powers-memorandum-23-february-2026"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "FAQs: what is honour based abuse; arranged and forced "
                                    "marriage, Karma Nirvana"
                                ),
                                "url": "http://www.karmanirvana.org.uk/faqs/",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "So-called honour-based abuse, information about abuse and "
                                    "exploitation (nssab.co.uk, safeguarding adults board)"
                                ),
                                "url": (
                                    "https://nssab.co.uk/information-about-abuse-exploitation/so-called-honour-based-abuse"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Southampton Domestic Abuse and VAWG Strategy 2023–2028, "
                                    "Southampton City Council"
                                ),
                                "url": "https://www.southampton.gov.uk/domestic-abuse/",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Reducing and Preventing Domestic Abuse in Southampton, "
                                    "Scrutiny Inquiry Panel report 2018/19, Southampton City "
                                    "Council"
                                ),
                                "url": (
                                    "https://www.southampton.gov.uk/modernGov/ieListMeetings.aspx?Cld=709&Year=0"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Written evidence submitted by Karma Nirvana (COR0054), UK "
                                    "Parliament"
                                ),
                                "url": (
                                    "https://committees.parliament.uk/writtenevidence/2125/html/"
                                ),
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Forced marriage: information and practice guidelines for "
                                    "professionals, GOV.UK"
                                ),
                                "url": "https://www.gov.uk/forced-marriage",
                                "date_checked": "2026-11-22",
                            },
                            {
                                "title": (
                                    "Mandatory reporting of female genital mutilation: procedural "
                                    "information, Home Office, GOV.UK (updated 22 January 2020)"
                                ),
                                "url": (
                                    "https://www.gov.uk/government/publications/mandatory-reporting-of-female-genital-mutilation-procedural-information"
                                ),
                                "date_checked": "2026-11-22",
                            },
                        ],
                    },
                ),
            ],
        },
    ],
}


QUESTIONS = [
    {
        "type": "single",
        "topic": "fgm-what-the-law-says",
        "stem": (
            "<p>Under the Female Genital Mutilation Act 2003, which of these is an offence?</p>"
        ),
        "options": [
            {
                "text": (
                    "A UK resident arranging for a girl to have FGM during a family trip abroad."
                ),
                "correct": True,
                "feedback": (
                    "Correct. The Act covers acts done abroad by UK nationals and residents."
                ),
            },
            {
                "text": "Nothing, if FGM is legal in the country where it is done.",
                "correct": False,
                "feedback": "No. It does not matter where FGM happens.",
            },
            {
                "text": "Only carrying out FGM inside the UK.",
                "correct": False,
                "feedback": "No. Helping, arranging and acts abroad are also offences.",
            },
            {
                "text": "FGM only if the girl does not agree to it.",
                "correct": False,
                "feedback": "No. The offence does not depend on the girl's agreement.",
            },
        ],
        "feedback": (
            "<p>The Female Genital Mutilation Act 2003 makes it an offence to carry out FGM, to "
            "help a girl do it to herself, to help a non-UK person do it abroad to a UK national "
            "or resident, and for UK nationals or residents to do any of these abroad. The maximum "
            "sentence is 14 years. Source: legislation.gov.uk.</p>"
        ),
    },
    {
        "type": "single",
        "topic": "fgm-what-the-law-says",
        "stem": "<p>What is an FGM Protection Order?</p>",
        "options": [
            {
                "text": (
                    "A civil court order to protect a girl or woman at risk of FGM, or who has had "
                    "FGM. Breaking it is a criminal offence."
                ),
                "correct": True,
                "feedback": "Correct.",
            },
            {
                "text": "A police caution given to parents.",
                "correct": False,
                "feedback": "No. It is an order made by a family court.",
            },
            {
                "text": "An order that only the girl herself can apply for.",
                "correct": False,
                "feedback": (
                    "No. A local authority can apply, and others can apply with the court's "
                    "permission."
                ),
            },
            {
                "text": "A criminal conviction for carrying out FGM.",
                "correct": False,
                "feedback": "No. It is a civil order to protect, not a conviction.",
            },
        ],
        "feedback": (
            "<p>FGM Protection Orders came into force on 17 July 2015 (Serious Crime Act 2015, "
            "section 73). The girl, a relevant third party such as a local authority, or anyone "
            "else with the court's permission can apply. Breach is a criminal offence. Source: "
            "GOV.UK guidance on FGM protection orders.</p>"
        ),
    },
    {
        "type": "true_false",
        "topic": "fgm-signs-and-mandatory-reporting",
        "stem": (
            "<p>The FGM mandatory reporting duty applies when you suspect that a girl is at risk "
            "of FGM, even though it has not happened.</p>"
        ),
        "options": [
            {
                "text": "True",
                "correct": False,
                "feedback": (
                    "No. The duty covers 'known' cases only. For girls at risk, follow your "
                    "safeguarding procedures."
                ),
            },
            {
                "text": "False",
                "correct": True,
                "feedback": (
                    "Correct. Suspected and at-risk cases go through normal safeguarding "
                    "procedures."
                ),
            },
        ],
        "feedback": (
            "<p>The duty applies to 'known' cases in girls under 18: where the girl tells you FGM "
            "was done to her, or you see physical signs that appear to show it. It does not cover "
            "at-risk or suspected cases, or women over 18. Source: Home Office, Mandatory "
            "reporting of FGM: procedural information.</p>"
        ),
    },
    {
        "type": "single",
        "topic": "fgm-signs-and-mandatory-reporting",
        "stem": (
            "<p>A 15-year-old tells her teacher she had FGM as a young child. What must the "
            "teacher do?</p>"
        ),
        "options": [
            {
                "text": (
                    "Personally report it to the police by calling 101, as soon as possible and "
                    "normally by the close of the next working day, and tell the designated "
                    "safeguarding lead."
                ),
                "correct": True,
                "feedback": "Correct. The duty is personal and the report goes to the police.",
            },
            {
                "text": "Ask the school nurse to examine her to confirm it first.",
                "correct": False,
                "feedback": "No. A disclosure is enough. Do not arrange an examination to check.",
            },
            {
                "text": (
                    "Pass it to the designated safeguarding lead, who reports on the teacher's "
                    "behalf."
                ),
                "correct": False,
                "feedback": "No. The duty cannot be passed to someone else.",
            },
            {
                "text": "Nothing, because it happened years ago.",
                "correct": False,
                "feedback": "No. The duty applies because she is under 18 now.",
            },
        ],
        "feedback": (
            "<p>Under section 5B of the FGM Act 2003, teachers and regulated health and social "
            "care professionals must report known cases in under-18s to the police. Home Office "
            "guidance says to call 101, normally by the close of the next working day, and that "
            "the duty is personal. Sources: legislation.gov.uk; GOV.UK procedural information.</p>"
        ),
    },
    {
        "type": "multiple",
        "topic": "fgm-signs-and-mandatory-reporting",
        "stem": (
            "<p>The FGM mandatory reporting duty applies to which of these people in England? "
            "Choose all that apply.</p>"
        ),
        "options": [
            {
                "text": "A registered nurse",
                "correct": True,
                "feedback": "Correct. Regulated health professionals are covered.",
            },
            {
                "text": "A teacher",
                "correct": True,
                "feedback": "Correct. Teachers are covered.",
            },
            {
                "text": "A GP",
                "correct": True,
                "feedback": "Correct. Doctors are regulated health professionals.",
            },
            {
                "text": "A volunteer at a community centre who is not in a regulated profession",
                "correct": False,
                "feedback": (
                    "No. The legal duty does not apply, but they should still follow safeguarding "
                    "procedures and tell their safeguarding lead."
                ),
            },
        ],
        "feedback": (
            "<p>The duty covers regulated health and social care professionals and teachers in "
            "England and Wales. People outside these professions are not covered by the duty, but "
            "should still act on any concern under wider safeguarding procedures. Source: Home "
            "Office, Mandatory reporting of FGM: procedural information.</p>"
        ),
    },
    {
        "type": "multiple",
        "topic": "fgm-signs-and-mandatory-reporting",
        "stem": (
            "<p>Which of these may indicate that a girl is at risk of FGM? Choose all that "
            "apply.</p>"
        ),
        "options": [
            {
                "text": "Her mother or older sister has had FGM",
                "correct": True,
                "feedback": "Correct. A family history is an important risk factor.",
            },
            {
                "text": "She talks about a special ceremony to 'become a woman'",
                "correct": True,
                "feedback": "Correct. This is a recognised warning sign.",
            },
            {
                "text": (
                    "Her family plans a long trip at the start of the summer holidays to a country "
                    "where FGM is practised"
                ),
                "correct": True,
                "feedback": (
                    "Correct. Long trips at the start of the summer holidays are a recognised "
                    "warning sign."
                ),
            },
            {
                "text": "She has started wearing a headscarf",
                "correct": False,
                "feedback": "No. Religious dress is not a sign of FGM risk. Avoid stereotypes.",
            },
        ],
        "feedback": (
            "<p>Risk indicators include FGM in the girl's family or community, talk of a special "
            "procedure or ceremony, long trips abroad to countries where FGM is practised, and a "
            "female elder visiting from abroad. Source: Multi-agency statutory guidance on FGM (HM "
            "Government).</p>"
        ),
    },
    {
        "type": "single",
        "topic": "forced-marriage-and-the-law",
        "stem": (
            "<p>Since 27 February 2023, what is the law on marriage under 18 in England and "
            "Wales?</p>"
        ),
        "options": [
            {
                "text": (
                    "No one under 18 can marry or enter a civil partnership, and it is an offence "
                    "to cause a child to marry, even without force."
                ),
                "correct": True,
                "feedback": "Correct.",
            },
            {
                "text": "16 and 17-year-olds can marry with their parents' consent.",
                "correct": False,
                "feedback": "No. Parental consent no longer makes it possible.",
            },
            {
                "text": "It is only an offence if threats or violence are used.",
                "correct": False,
                "feedback": "No. For children, coercion no longer needs to be proved.",
            },
            {
                "text": (
                    "Only legally registered marriages are covered, not religious or community "
                    "ceremonies."
                ),
                "correct": False,
                "feedback": "No. Ceremonies that are not legally binding are also covered.",
            },
        ],
        "feedback": (
            "<p>The Marriage and Civil Partnership (Minimum Age) Act 2022 came into force on 27 "
            "February 2023. It raised the minimum age to 18 and made it an offence to do anything "
            "intended to cause a child to marry, whether or not coercion is used. Source: Ministry "
            "of Justice; legislation.gov.uk.</p>"
        ),
    },
    {
        "type": "true_false",
        "topic": "forced-marriage-and-the-law",
        "stem": (
            "<p>The offence of forced marriage can be committed even if the marriage does not go "
            "ahead.</p>"
        ),
        "options": [
            {
                "text": "True",
                "correct": True,
                "feedback": (
                    "Correct. The offence is about the coercion or deception, not the wedding."
                ),
            },
            {
                "text": "False",
                "correct": False,
                "feedback": "No. An offence is committed whether or not the marriage takes place.",
            },
        ],
        "feedback": (
            "<p>The explanatory notes to section 121 of the Anti-social Behaviour, Crime and "
            "Policing Act 2014 say an offence is committed whether or not the forced marriage goes "
            "ahead. The maximum sentence is 7 years.</p>"
        ),
    },
    {
        "type": "single",
        "topic": "warning-signs-and-the-one-chance-rule",
        "stem": "<p>What does the 'one chance' rule mean?</p>",
        "options": [
            {
                "text": (
                    "You may only have one chance to speak to a potential victim, so act then and "
                    "do not let them leave without support."
                ),
                "correct": True,
                "feedback": "Correct.",
            },
            {
                "text": "A victim can only be offered one referral.",
                "correct": False,
                "feedback": (
                    "No. The rule is about your opportunity to help, not limits on support."
                ),
            },
            {
                "text": "Wait until the person raises it a second time, to be sure.",
                "correct": False,
                "feedback": "No. There may not be a second time.",
            },
            {
                "text": "The family gets one chance to stop before the police are called.",
                "correct": False,
                "feedback": "No. Do not contact the family: it can increase the danger.",
            },
        ],
        "feedback": (
            "<p>Government forced marriage guidance says practitioners may only have one chance to "
            "speak to a potential victim, and so may only have one chance to save a life. Source: "
            "Multi-agency statutory guidance and practice guidelines on forced marriage (HM "
            "Government, 2023).</p>"
        ),
    },
    {
        "type": "multiple",
        "topic": "warning-signs-and-the-one-chance-rule",
        "stem": (
            "<p>A young woman tells you her family is forcing her to marry. Which actions are "
            "right? Choose all that apply.</p>"
        ),
        "options": [
            {
                "text": "See her on her own in a private place",
                "correct": True,
                "feedback": "Correct, even if she arrived with others.",
            },
            {
                "text": "Agree a safe way to contact her again",
                "correct": True,
                "feedback": "Correct, for example a code word or a safe time to call.",
            },
            {
                "text": "Get advice from the Forced Marriage Unit or Karma Nirvana",
                "correct": True,
                "feedback": "Correct. Both advise professionals.",
            },
            {
                "text": "Ask her brother to join you so you can talk it through as a family",
                "correct": False,
                "feedback": "No. Involving family can put her in danger.",
            },
            {
                "text": "Ask a respected community leader to mediate",
                "correct": False,
                "feedback": (
                    "No. Guidance warns against mediation and approaching community leaders."
                ),
            },
        ],
        "feedback": (
            "<p>Forced marriage guidance says: see the person alone, in private; agree a safe way "
            "to make contact; get advice; and do not contact the family or community, or try "
            "mediation. Sources: HM Government forced marriage guidance; GOV.UK forced marriage "
            "page.</p>"
        ),
    },
    {
        "type": "single",
        "topic": "honour-based-abuse-and-local-support",
        "stem": "<p>Which statement about honour-based abuse is correct?</p>",
        "options": [
            {
                "text": (
                    "There is no single criminal offence of honour-based abuse. Offences such as "
                    "coercive control, assault, stalking, forced marriage and FGM are used."
                ),
                "correct": True,
                "feedback": "Correct.",
            },
            {
                "text": "It is a cultural matter best left to the community to resolve.",
                "correct": False,
                "feedback": "No. It is abuse, and involving the community can increase the danger.",
            },
            {
                "text": "It is always carried out by one person, usually a partner.",
                "correct": False,
                "feedback": (
                    "No. There are often several perpetrators from the family or community."
                ),
            },
            {
                "text": "It only affects women over 18.",
                "correct": False,
                "feedback": "No. Children, and men and boys, can also be affected.",
            },
        ],
        "feedback": (
            "<p>The CPS says there is no single legal definition or offence of honour-based abuse, "
            "and prosecutes it using a range of offences. In 2026 the government tabled amendments "
            "to add a statutory definition to the Crime and Policing Bill. Sources: CPS; Home "
            "Office.</p>"
        ),
    },
    {
        "type": "matching",
        "topic": "honour-based-abuse-and-local-support",
        "stem": "<p>Match each service to what it does.</p>",
        "pairs": [
            [
                "PIPPA helpline (023 8091 7917)",
                (
                    "Local specialist advice on domestic abuse, including forced marriage and "
                    "honour-based violence, for professionals and the public"
                ),
            ],
            [
                "Forced Marriage Unit (020 7008 0151)",
                (
                    "Joint FCDO and Home Office unit advising victims and professionals, including "
                    "on cases abroad"
                ),
            ],
            [
                "Karma Nirvana (0800 5999 247)",
                "National helpline for honour-based abuse and forced marriage",
            ],
            ["Police on 101", "The number to call to make an FGM mandatory report"],
            [
                "Diversity and Inclusion Advocacy service",
                "Local support for survivors of harmful practices such as FGM and forced marriage",
            ],
        ],
        "feedback": (
            "<p>Southampton's Domestic Abuse and VAWG Strategy 2023–2028 names the PIPPA helpline "
            "and the Diversity and Inclusion Advocacy service. The Forced Marriage Unit (GOV.UK), "
            "Karma Nirvana and the police non-emergency number 101 (Home Office FGM procedural "
            "information) are national routes.</p>"
        ),
    },
]
