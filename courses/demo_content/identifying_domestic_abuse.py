"""Module: Identifying domestic abuse.

Plain data for ``load_demo``: see ``courses/demo_content/__init__.py`` for the format.
Every fact is traceable to a source listed at the end of the lesson that teaches it.
"""

import datetime

CHECKED = "2026-11-22"


def _source(title, url):
    return {"title": title, "url": url, "date_checked": CHECKED}


# Public sources used in this module, as (title, url).
STRATEGY = (
    "Southampton Domestic Abuse and VAWG Strategy 2023–2028, Southampton City Council",
    "https://www.southampton.gov.uk/domestic-abuse/",
)
SCRUTINY = (
    "Reducing and Preventing Domestic Abuse in Southampton: Scrutiny Inquiry Panel "
    "report and inquiry papers (2019), Southampton City Council",
    "https://www.southampton.gov.uk/modernGov/ieListMeetings.aspx?Cld=709&Year=0",
)
DA_ACT_S1 = (
    "Domestic Abuse Act 2021, section 1: definition of “domestic abuse”",
    "https://www.legislation.gov.uk/ukpga/2021/17/section/1",
)
DA_ACT_S2 = (
    "Domestic Abuse Act 2021, section 2: definition of “personally connected”",
    "https://www.legislation.gov.uk/ukpga/2021/17/section/2",
)
DA_ACT_S3 = (
    "Domestic Abuse Act 2021, section 3: children as victims of domestic abuse",
    "https://www.legislation.gov.uk/ukpga/2021/17/section/3",
)
DA_ACT_S68 = (
    "Domestic Abuse Act 2021, section 68: controlling or coercive behaviour in an "
    "intimate or family relationship",
    "https://www.legislation.gov.uk/ukpga/2021/17/section/68",
)
SCA_S76 = (
    "Serious Crime Act 2015, section 76: controlling or coercive behaviour in an "
    "intimate or family relationship",
    "https://www.legislation.gov.uk/ukpga/2015/9/section/76",
)
SI_2023_406 = (
    "Domestic Abuse Act 2021 commencement regulations, SI 2023/406 (section 68 in force "
    "on 5 April 2023)",
    "https://www.legislation.gov.uk/uksi/2023/406/made",
)
DA_GUIDANCE = (
    "Domestic Abuse: statutory guidance (July 2022), Home Office",
    "https://www.gov.uk/government/publications/domestic-abuse-act-2021/"
    "domestic-abuse-statutory-guidance-accessible-version",
)
CCB_FACTSHEET = (
    "Amendment to the controlling or coercive behaviour offence (Domestic Abuse Bill "
    "factsheet), Home Office",
    "https://www.gov.uk/government/publications/domestic-abuse-bill-2020-factsheets/"
    "amendment-to-the-controlling-or-coercive-behaviour-offence",
)
CCB_GUIDANCE = (
    "Controlling or coercive behaviour: statutory guidance framework (April 2023), Home Office",
    "https://www.gov.uk/government/publications/"
    "controlling-or-coercive-behaviour-statutory-guidance-framework/"
    "controlling-or-coercive-behaviour-statutory-guidance-framework-accessible",
)
RESPECT_NOT_LOVE = (
    "“It’s not love if…”: examples of controlling behaviour, Respect",
    "https://www.respect.org.uk/articles/valentine-s-day-at-respect-it-s-not-love-if",
)
GOV_GET_HELP = (
    "Domestic abuse: how to get help, GOV.UK",
    "https://www.gov.uk/guidance/domestic-abuse-how-to-get-help",
)
RCGP = (
    "Domestic abuse (covers child and adult): asking about domestic abuse, RCGP "
    "safeguarding e-learning",
    "https://elearning.rcgp.org.uk/mod/book/view.php?chapterid=901&id=15290",
)
RESPECT_GUIDELINES = (
    "Guidelines for working with perpetrators of domestic abuse (frontline workers), "
    "Respect Phoneline",
    "https://respectphoneline.org.uk/resources/frontline-workers/"
    "guidelines-for-working-with-perpetrators-of-domestic-abuse/",
)
LANCS = (
    "Domestic abuse: possible signs, Lancashire Safeguarding Adults Board",
    "https://www.lancashiresafeguarding.org.uk/lancashire-safeguarding-adults/"
    "what-is-safeguarding-and-abuse/domestic/",
)
NICE_QS116_1 = (
    "NICE quality standard QS116, statement 1: asking about domestic violence and abuse",
    "https://www.nice.org.uk/guidance/qs116/chapter/"
    "Quality-statement-1-Asking-about-domestic-violence-and-abuse",
)
DEVON = (
    "Domestic abuse: advice for professionals (safe enquiry), Devon Safeguarding Adults "
    "Partnership",
    "https://www.devonsafeguardingadultspartnership.org.uk/abuse/domestic-abuse/"
    "domestic-abuse-advice-for-professinoals/",
)
SAFELIVES_RISK = (
    "Resources for identifying the risk victims face (Dash risk checklist), SafeLives",
    "https://safelives.org.uk/practice-support/resources-identifying-risk-victims-face",
)
SAFELIVES_QUICK_START = (
    "Quick start guidance for the Dash risk checklist, SafeLives",
    "https://safelives.org.uk/resources-library/quick-start-guidance-for-dash-risk-checklist/",
)
SAFELIVES_YOUNG_PEOPLE = (
    "Dash risk checklist: young people, SafeLives",
    "https://safelives.org.uk/resources-library/dash-risk-checklist-young-people/",
)
SAFELIVES_MARAC_TOOLKIT = (
    "Marac toolkit for mental health services (includes the Marac referral form and "
    "referral criteria), SafeLives",
    "https://safelives.org.uk/resources-library/marac-toolkit-for-mental-health-services/",
)
SCIE_MARAC = (
    "Protecting adults at risk: referrals to other processes (Marac referral criteria), "
    "Social Care Institute for Excellence",
    "https://www.scie.org.uk/publications/adultsafeguardinglondon/referrals.asp",
)
PLYMOUTH_DASH = (
    "SafeLives DASH risk checklist: how high risk is identified, Plymouth Safeguarding "
    "Children Partnership",
    "https://plymouthscb.co.uk/safe-lives-dash-ric-checklist",
)


MODULE = {
    "slug": "identifying-domestic-abuse",
    "title": "Identifying domestic abuse",
    "summary": (
        "What domestic abuse is in law, how to recognise it, how to ask about it safely, "
        "how to judge risk with the DASH checklist, and where to go next in Southampton."
    ),
    "audiences": [
        "all-frontline",
        "police",
        "health",
        "housing",
        "social-care",
        "substance-misuse-mental-health",
        "education",
        "voluntary",
    ],
    "outcomes": [
        "Explain the legal definition of domestic abuse in the Domestic Abuse Act 2021, "
        "including who is “personally connected” and when children are victims.",
        "Recognise coercive or controlling behaviour, including after a couple has separated.",
        "Spot possible signs of domestic abuse and understand why people may not tell you.",
        "Ask about domestic abuse safely and respond well if someone tells you.",
        "Use the DASH risk checklist and your professional judgement to recognise high risk.",
        "Follow Southampton’s pathway: 999, the PIPPA helpline, the HRDA process, the IDVA "
        "service and outreach support.",
    ],
    "estimated_minutes": 65,
    "cpd_minutes": 65,
    "refresh_months": 24,
    "content_note": (
        "This module talks about domestic abuse, including physical and sexual violence, "
        "coercive control, threats, and the risk of serious harm and homicide. It includes "
        "short invented case studies. You can pause at any time. Each lesson lists where "
        "to get support."
    ),
    "review_by": datetime.date(2027, 11, 1),
    "contact": "The Domestic Abuse Training Coordinator, through your agency lead",
    "lessons": [
        # ------------------------------------------------------------------ 1
        {
            "slug": "what-domestic-abuse-is",
            "title": "What domestic abuse is",
            "summary": (
                "The legal definition in the Domestic Abuse Act 2021: the types of abuse, "
                "who is personally connected, and children as victims."
            ),
            "minutes": 10,
            "distressing": False,
            "content_note": "",
            "body": [
                ("heading", {"text": "A definition in law", "level": "h2"}),
                (
                    "text",
                    "<p>The Domestic Abuse Act 2021 sets out what domestic abuse means in "
                    "law in England and Wales. Southampton’s Domestic Abuse and VAWG "
                    "Strategy uses this definition. So should you, whatever service you "
                    "work in.</p>"
                    "<p>The definition has two parts. First, the two people must both be "
                    "aged 16 or over and be “personally connected”. Second, the behaviour "
                    "must be abusive.</p>",
                ),
                (
                    "legislation",
                    {
                        "quote": (
                            "Behaviour of a person (“A”) towards another person (“B”) is "
                            "“domestic abuse” if— (a) A and B are each aged 16 or over and "
                            "are personally connected to each other, and (b) the behaviour "
                            "is abusive."
                        ),
                        "citation": "Domestic Abuse Act 2021, s1(2)",
                        "url": "https://www.legislation.gov.uk/ukpga/2021/17/section/1",
                    },
                ),
                ("heading", {"text": "The five types of abusive behaviour", "level": "h3"}),
                (
                    "text",
                    "<p>The Act says behaviour is abusive if it is any of these:</p>"
                    "<ul>"
                    "<li>physical or sexual abuse</li>"
                    "<li>violent or threatening behaviour</li>"
                    "<li>controlling or coercive behaviour</li>"
                    "<li>economic abuse</li>"
                    "<li>psychological, emotional or other abuse</li>"
                    "</ul>"
                    "<p>It does not matter whether the behaviour is a single incident or a "
                    "course of conduct. You do not need to wait for a pattern before you "
                    "act on a single serious incident.</p>"
                    "<p>Abuse can also be aimed at one person to hurt another. The Act says "
                    "behaviour can be “towards” someone even if it is directed at another "
                    "person, for example their child.</p>",
                ),
                (
                    "legislation",
                    {
                        "quote": (
                            "“Economic abuse” means any behaviour that has a substantial "
                            "adverse effect on B’s ability to— (a) acquire, use or maintain "
                            "money or other property, or (b) obtain goods or services."
                        ),
                        "citation": "Domestic Abuse Act 2021, s1(4)",
                        "url": "https://www.legislation.gov.uk/ukpga/2021/17/section/1",
                    },
                ),
                ("heading", {"text": "Who is “personally connected”", "level": "h2"}),
                (
                    "text",
                    "<p>Section 2 of the Act lists who counts as personally connected. It is "
                    "wider than many people expect. Open each heading to see the groups.</p>",
                ),
                (
                    "accordion",
                    {
                        "sections": [
                            {
                                "heading": "Partners and ex-partners",
                                "content": (
                                    "<p>People who are, or have been, married or in a "
                                    "civil partnership with each other. People who have "
                                    "agreed to marry or entered a civil partnership "
                                    "agreement, even if that agreement has ended. People "
                                    "who are, or have been, in an intimate personal "
                                    "relationship with each other.</p>"
                                ),
                            },
                            {
                                "heading": "Parents of the same child",
                                "content": (
                                    "<p>People who each have, or have had, a parental "
                                    "relationship with the same child. A person has a "
                                    "parental relationship with a child if they are the "
                                    "child’s parent or have parental responsibility for "
                                    "them.</p>"
                                ),
                            },
                            {
                                "heading": "Relatives",
                                "content": (
                                    "<p>People who are relatives of each other. This "
                                    "covers abuse by other family members, for example an "
                                    "adult son or daughter towards a parent, or abuse "
                                    "between adult brothers and sisters.</p>"
                                ),
                            },
                        ]
                    },
                ),
                (
                    "key_fact",
                    {
                        "title": "They do not have to live together",
                        "text": (
                            "<p>Nothing in the definition requires the two people to live "
                            "in the same home. Abuse by an ex-partner who lives elsewhere, "
                            "or by a relative in another household, can be domestic "
                            "abuse.</p>"
                        ),
                    },
                ),
                ("heading", {"text": "Children are victims in their own right", "level": "h2"}),
                (
                    "legislation",
                    {
                        "quote": (
                            "Any reference in this Act to a victim of domestic abuse "
                            "includes a reference to a child who— (a) sees or hears, or "
                            "experiences the effects of, the abuse, and (b) is related to "
                            "A or B."
                        ),
                        "citation": "Domestic Abuse Act 2021, s3(2)",
                        "url": "https://www.legislation.gov.uk/ukpga/2021/17/section/3",
                    },
                ),
                (
                    "text",
                    "<p>In this section a child means a person under 18. A child is related "
                    "to a person if that person is their parent, has parental "
                    "responsibility for them, or is their relative.</p>"
                    "<p>A child does not have to be in the room, or be hit, to be a "
                    "victim. Southampton’s strategy says children who see, hear or "
                    "experience the effects of domestic abuse are victims in their own "
                    "right, and so can get support from domestic abuse services. Over half "
                    "(54.3%) of Southampton’s high-risk domestic abuse (HRDA) referrals in "
                    "2019 to 2021 had children or young people in the household.</p>",
                ),
                (
                    "key_fact",
                    {
                        "title": "Domestic abuse and VAWG in Southampton",
                        "text": (
                            "<p>Southampton’s strategy brings domestic abuse together with "
                            "violence against women and girls (VAWG). VAWG is the umbrella "
                            "term for violence and abuse that is predominantly, but not "
                            "exclusively, directed against women and girls. The partnership "
                            "recognises that men, boys and non-binary people are also "
                            "victims, and that abuse happens in any kind of intimate "
                            "relationship. The strategy is for all victims and "
                            "survivors.</p>"
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "question": (
                            "Think about the people you work with. Which “personally "
                            "connected” relationships might you be less likely to think of "
                            "as domestic abuse?"
                        ),
                        "hint": (
                            "Consider ex-partners who have moved out, adult children and "
                            "their parents, and people who share a child but were never a "
                            "couple for long."
                        ),
                    },
                ),
                (
                    "sources",
                    {
                        "sources": [
                            _source(*DA_ACT_S1),
                            _source(*DA_ACT_S2),
                            _source(*DA_ACT_S3),
                            _source(*DA_GUIDANCE),
                            _source(*STRATEGY),
                        ]
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------ 2
        {
            "slug": "coercive-control",
            "title": "Coercive or controlling behaviour",
            "summary": (
                "What coercive control looks like, the criminal offence in the Serious "
                "Crime Act 2015, and the 2023 change that covers abuse after separation."
            ),
            "minutes": 12,
            "distressing": True,
            "content_note": (
                "This lesson describes controlling behaviour, threats and fear in "
                "relationships, including after a couple has separated."
            ),
            "body": [
                ("heading", {"text": "What coercive control is", "level": "h2"}),
                (
                    "text",
                    "<p>Controlling or coercive behaviour is one of the five types of abuse "
                    "in the Domestic Abuse Act 2021. It can happen with or without physical "
                    "violence.</p>"
                    "<p>Southampton’s strategy describes coercive control as when a person "
                    "you are personally connected to “repeatedly behaves in a way which "
                    "makes you feel controlled, dependent, isolated or scared”. The "
                    "strategy adds that not all emotional abuse is coercive control, but "
                    "coercive control is always emotionally abusive.</p>"
                    "<p>The definitions used in Southampton’s 2019 scrutiny inquiry "
                    "describe controlling behaviour as acts designed to make a person "
                    "subordinate or dependent. Coercive behaviour is an act, or a pattern "
                    "of acts, of assault, threats, humiliation, intimidation or other "
                    "abuse used to harm, punish or frighten someone.</p>",
                ),
                (
                    "accordion",
                    {
                        "sections": [
                            {
                                "heading": "Isolation",
                                "content": (
                                    "<p>Controlling who the person sees or spends time "
                                    "with. Putting down their friends. Making it hard to "
                                    "see family, go to work or go to college.</p>"
                                ),
                            },
                            {
                                "heading": "Monitoring",
                                "content": (
                                    "<p>Checking their phone, messages or social media. "
                                    "Asking for the code to their phone, or for their "
                                    "passwords.</p>"
                                ),
                            },
                            {
                                "heading": "Money and resources",
                                "content": (
                                    "<p>Controlling money, not giving enough for food or "
                                    "bills, or stopping the person working. This can also "
                                    "be economic abuse under the Act.</p>"
                                ),
                            },
                            {
                                "heading": "Rules, humiliation and put-downs",
                                "content": (
                                    "<p>Telling the person what they can and cannot wear. "
                                    "Making them feel stupid or worthless. Pressuring "
                                    "them into sex, or sulking when they say no.</p>"
                                ),
                            },
                            {
                                "heading": "Threats and using services",
                                "content": (
                                    "<p>Threats to hurt them or their children. "
                                    "Southampton’s strategy "
                                    "also warns that abusers can manipulate services, for "
                                    "example by making malicious reports about the victim "
                                    "to professionals.</p>"
                                ),
                            },
                        ]
                    },
                ),
                ("heading", {"text": "The criminal offence", "level": "h2"}),
                (
                    "text",
                    "<p>Controlling or coercive behaviour in an intimate or family "
                    "relationship is a criminal offence under section 76 of the Serious "
                    "Crime Act 2015.</p>",
                ),
                (
                    "legislation",
                    {
                        "quote": (
                            "A person (A) commits an offence if— (a) A repeatedly or "
                            "continuously engages in behaviour towards another person (B) "
                            "that is controlling or coercive, (b) at the time of the "
                            "behaviour, A and B are personally connected (see subsection "
                            "(6)), (c) the behaviour has a serious effect on B, and (d) A "
                            "knows or ought to know that the behaviour will have a serious "
                            "effect on B."
                        ),
                        "citation": "Serious Crime Act 2015, s76(1), as amended",
                        "url": "https://www.legislation.gov.uk/ukpga/2015/9/section/76",
                    },
                ),
                (
                    "legislation",
                    {
                        "quote": (
                            "A’s behaviour has a “serious effect” on B if— (a) it causes B "
                            "to fear, on at least two occasions, that violence will be used "
                            "against B, or (b) it causes B serious alarm or distress which "
                            "has a substantial adverse effect on B’s usual day-to-day "
                            "activities."
                        ),
                        "citation": "Serious Crime Act 2015, s76(4)",
                        "url": "https://www.legislation.gov.uk/ukpga/2015/9/section/76",
                    },
                ),
                ("heading", {"text": "The 2023 change: abuse after separation", "level": "h2"}),
                (
                    "text",
                    "<p>When the offence began, it only covered ex-partners and family "
                    "members if they lived together. Section 68 of the Domestic Abuse Act "
                    "2021 changed the meaning of “personally connected” in section 76. It "
                    "now matches the definition in the 2021 Act.</p>"
                    "<p>This change came into force on 5 April 2023. The offence now covers "
                    "partners, ex-partners and family members, whether or not they live "
                    "together. The change only applies to behaviour on or after 5 April "
                    "2023.</p>",
                ),
                (
                    "key_fact",
                    {
                        "title": "Separation does not end the risk",
                        "text": (
                            "<p>When the change was announced, the government said it "
                            "recognised that “coercive or controlling behaviours may "
                            "escalate following separation”. Do not assume someone is safe "
                            "because they have left.</p>"
                        ),
                    },
                ),
                (
                    "case_study",
                    {
                        "title": "Dina: “We’re not even together any more”",
                        "scenario": (
                            "<p>Dina, 29, left her partner Marc six months ago. They have a "
                            "three-year-old son. Dina tells you Marc sends her dozens of "
                            "messages a day and turns up at the nursery gate. He still has "
                            "the login to her banking app. He says that if she does not "
                            "do what he asks, he will tell children’s services she is an "
                            "unfit mother. Dina says, “It’s not abuse. We’re not even "
                            "together any more.”</p>"
                        ),
                        "questions": (
                            "<ul>"
                            "<li>Is this domestic abuse under the 2021 Act?</li>"
                            "<li>Could it be the controlling or coercive behaviour "
                            "offence?</li>"
                            "<li>Who else is affected?</li>"
                            "</ul>"
                        ),
                        "discussion": (
                            "<p>Yes, it can be domestic abuse. Dina and Marc are "
                            "personally connected as ex-partners and as parents of the "
                            "same child. Living apart does not change that. Since 5 April "
                            "2023 the offence can apply to ex-partners who do not live "
                            "together, so this is a matter the police could "
                            "investigate.</p>"
                            "<p>The behaviour includes monitoring, economic control and "
                            "threats to use services against her. Her son may be a victim "
                            "in his own right if he sees, hears or experiences the effects "
                            "of the abuse.</p>"
                            "<p>Help Dina name what is happening without arguing with her. "
                            "Ask whether it is safe to talk, think about risk, and offer "
                            "to call the PIPPA helpline with her. The next lessons cover "
                            "each step.</p>"
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "question": (
                            "Think of a situation where the worrying behaviour was not "
                            "physical violence. What made it hard to name it as abuse?"
                        ),
                        "hint": (
                            "Controlling behaviour can look like care or jealousy, and "
                            "victims may not use the word “abuse” themselves."
                        ),
                    },
                ),
                (
                    "sources",
                    {
                        "sources": [
                            _source(*DA_ACT_S1),
                            _source(*SCA_S76),
                            _source(*DA_ACT_S68),
                            _source(*SI_2023_406),
                            _source(*CCB_FACTSHEET),
                            _source(*CCB_GUIDANCE),
                            _source(*RESPECT_NOT_LOVE),
                            _source(*GOV_GET_HELP),
                            _source(*STRATEGY),
                            _source(*SCRUTINY),
                        ]
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------ 3
        {
            "slug": "signs-and-barriers",
            "title": "Signs of abuse and barriers to telling",
            "summary": (
                "Possible signs of domestic abuse, and why people may not tell you even "
                "when you ask."
            ),
            "minutes": 10,
            "distressing": True,
            "content_note": (
                "This lesson lists signs of abuse, including injuries and sexual pressure, "
                "and the fears that stop people asking for help."
            ),
            "body": [
                ("heading", {"text": "Signs you might notice", "level": "h2"}),
                (
                    "text",
                    "<p>No single sign proves that someone is being abused. Look for "
                    "patterns, and for explanations that do not fit. Domestic abuse "
                    "happens in every community, and to people of any gender, age or "
                    "background.</p>"
                    "<p>Open each heading for signs that national guidance and "
                    "safeguarding partnerships describe.</p>",
                ),
                (
                    "accordion",
                    {
                        "sections": [
                            {
                                "heading": "In the person you are working with",
                                "content": (
                                    "<ul>"
                                    "<li>Being withdrawn or isolated from family and "
                                    "friends.</li>"
                                    "<li>Bruises, burns, bite marks or other injuries.</li>"
                                    "<li>Low self-esteem.</li>"
                                    "<li>Fear of outside help, or of what will happen if "
                                    "services get involved.</li>"
                                    "<li>Being told the abuse is their fault, or that they "
                                    "are overreacting.</li>"
                                    "</ul>"
                                ),
                            },
                            {
                                "heading": "In their day-to-day life",
                                "content": (
                                    "<ul>"
                                    "<li>Money is controlled. They may not have enough "
                                    "for food or bills.</li>"
                                    "<li>They are not allowed to leave the house, or are "
                                    "stopped from going to work or college.</li>"
                                    "<li>Someone reads their texts, emails or letters, or "
                                    "monitors their internet use.</li>"
                                    "<li>Damage to the home or to their belongings.</li>"
                                    "</ul>"
                                ),
                            },
                            {
                                "heading": "In how a partner or relative behaves",
                                "content": (
                                    "<p>Respect’s guidance for frontline workers notes "
                                    "that a person who is abusive may:</p>"
                                    "<ul>"
                                    "<li>insist on coming to appointments, or talk for "
                                    "their partner</li>"
                                    "<li>seem caring and protective</li>"
                                    "<li>be the only English speaker in the family</li>"
                                    "<li>tell you that they are the victim</li>"
                                    "</ul>"
                                ),
                            },
                        ]
                    },
                ),
                (
                    "practice_point",
                    {
                        "text": (
                            "<p>Be professionally curious. If something does not add up, "
                            "note what you saw and heard, in the person’s own words where "
                            "you can. Then look for a safe chance to ask. The next lesson "
                            "explains how.</p>"
                        ),
                    },
                ),
                ("heading", {"text": "Why people may not tell you", "level": "h2"}),
                (
                    "text",
                    "<p>Every victim is on their own journey. Guidance for GPs from the "
                    "Royal College of General Practitioners describes some of the "
                    "reasons people do not tell:</p>"
                    "<ul>"
                    "<li>They may not recognise what is happening as abuse.</li>"
                    "<li>They may recognise it but not feel ready to talk or ask for "
                    "help.</li>"
                    "<li>They may fear what the abuser will do, and what services will "
                    "do, for example that their children will be taken away.</li>"
                    "<li>They may have spoken out before, and the abuse got worse.</li>"
                    "</ul>",
                ),
                (
                    "text",
                    "<p>Southampton’s strategy notes that national data shows higher rates "
                    "of domestic abuse and VAWG among women from ethnic minority groups, "
                    "LGBT+ people, migrant women, disabled women, women who sell sex and "
                    "women facing multiple disadvantage, such as substance use, mental "
                    "ill health and poverty. People in these groups can face extra "
                    "barriers to safety, including racism, homophobia, transphobia and "
                    "ableism.</p>"
                    "<p>The strategy also recognises that men, boys and non-binary people "
                    "are victims too, and often face significant barriers to reporting "
                    "abuse and seeking support.</p>",
                ),
                (
                    "key_fact",
                    {
                        "title": "A “no” today is not the end",
                        "text": (
                            "<p>Someone may say no the first time you ask, even if they are "
                            "being abused. A calm, kind response tells them you are a safe "
                            "person to come back to. Make sure they know how to reach you "
                            "and the PIPPA helpline, if it is safe for them to have that "
                            "information.</p>"
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "question": (
                            "What about your service might stop someone telling you about "
                            "abuse? Think about the room, who is usually present, and how "
                            "much time you have."
                        ),
                        "hint": (
                            "Small changes help: a routine part of every appointment that "
                            "happens one to one, a private room, and a professional "
                            "interpreter."
                        ),
                    },
                ),
                (
                    "sources",
                    {
                        "sources": [
                            _source(*GOV_GET_HELP),
                            _source(*LANCS),
                            _source(*RESPECT_GUIDELINES),
                            _source(*RCGP),
                            _source(*DA_GUIDANCE),
                            _source(*STRATEGY),
                        ]
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------ 4
        {
            "slug": "asking-safely",
            "title": "Asking safely and responding well",
            "summary": (
                "How to create a safe chance to ask about domestic abuse, what to say, and "
                "what to do if someone tells you."
            ),
            "minutes": 12,
            "distressing": False,
            "content_note": "",
            "body": [
                ("heading", {"text": "Ask in private", "level": "h2"}),
                (
                    "text",
                    "<p>NICE quality standard QS116 says people who come to frontline "
                    "staff with signs of possible domestic abuse should be asked about "
                    "their experiences in a private discussion. Services should make "
                    "sure they can offer a safe and private place where people feel able "
                    "to tell. NICE notes that in some settings, such as mental health, "
                    "drug or alcohol, and sexual health services, more people will show "
                    "signs of possible abuse.</p>",
                ),
                (
                    "practice_point",
                    {
                        "text": (
                            "<p><b>Before you ask, check that:</b></p>"
                            "<ul>"
                            "<li>you are alone with the person. Never ask in front of a "
                            "partner, family member, friend or child, however supportive "
                            "they seem</li>"
                            "<li>you will not be interrupted, and you both have enough "
                            "time</li>"
                            "<li>you have a professional interpreter if one is needed. "
                            "Never use the person’s partner, family, friends or carers to "
                            "interpret</li>"
                            "<li>on the phone or video, it is safe to talk now, nobody "
                            "else can hear, and you know a safe way to contact them</li>"
                            "</ul>"
                        ),
                    },
                ),
                (
                    "text",
                    "<p>Why so strict? A third party can pass on what was said to the "
                    "abuser. Harm can increase when an abuser feels their control is "
                    "being challenged, so the abuser must not find out about a disclosure "
                    "by accident. A relative or friend who interprets may also be involved "
                    "in the abuse, or may not pass on everything that is said.</p>",
                ),
                ("heading", {"text": "How to ask", "level": "h2"}),
                (
                    "text",
                    "<p>Explain why you are asking, so the person does not feel singled "
                    "out. Explain the limits of your confidentiality before they tell you "
                    "anything. For example, that you would have to share information if "
                    "a child or another adult was in danger, and that you would talk to "
                    "them first if you could.</p>"
                    "<p>Then ask directly, in plain words. The person may not use the "
                    "words “domestic abuse” themselves, so ask about what happens rather "
                    "than about labels.</p>",
                ),
                (
                    "accordion",
                    {
                        "sections": [
                            {
                                "heading": "Ways to open the conversation",
                                "content": (
                                    "<ul>"
                                    "<li>“We ask everyone about their relationships, "
                                    "because abuse is common and affects health.”</li>"
                                    "<li>“I’ve noticed you seem worried when your phone "
                                    "goes. Is everything all right at home?”</li>"
                                    "</ul>"
                                ),
                            },
                            {
                                "heading": "Direct questions",
                                "content": (
                                    "<ul>"
                                    "<li>“Do you ever feel frightened of your partner, "
                                    "or of anyone at home?”</li>"
                                    "<li>“Has anyone hurt you or threatened to hurt "
                                    "you?”</li>"
                                    "<li>“Does anyone stop you seeing friends or family, "
                                    "or control your money?”</li>"
                                    "<li>“Has anyone made you do sexual things you did "
                                    "not want to do?”</li>"
                                    "</ul>"
                                ),
                            },
                        ]
                    },
                ),
                ("heading", {"text": "If someone tells you", "level": "h2"}),
                (
                    "text",
                    "<ul>"
                    "<li><b>Listen and believe.</b> Thank them for telling you. Say it is "
                    "not their fault.</li>"
                    "<li><b>Do not judge or push.</b> Do not tell them they must leave. "
                    "They know their situation and its dangers best.</li>"
                    "<li><b>Check immediate safety.</b> Are they safe to go home? Where is "
                    "the abuser now? Are there children?</li>"
                    "<li><b>Talk about options.</b> With their consent, call the PIPPA "
                    "helpline together, or arrange a DASH risk assessment.</li>"
                    "<li><b>Record it safely.</b> Write down what they said, in their "
                    "words, and what you did. Do not record it anywhere the abuser might "
                    "see, such as records the person takes home.</li>"
                    "</ul>"
                    "<p>If they say nothing is wrong, accept that for now. Leave the door "
                    "open and tell them you will ask again.</p>",
                ),
                (
                    "case_study",
                    {
                        "title": "Grace: the partner who answers for her",
                        "scenario": (
                            "<p>Grace, 45, comes to a housing appointment about repairs. "
                            "Her partner comes too. He answers every question for her. "
                            "The front door of their flat has been damaged, and he says "
                            "Grace “slammed it”. Grace speaks some English, but her partner "
                            "offers to translate.</p>"
                        ),
                        "questions": (
                            "<ul>"
                            "<li>Should you ask Grace about abuse in this appointment?</li>"
                            "<li>How could you create a safe chance to see her alone?</li>"
                            "<li>What should you record?</li>"
                            "</ul>"
                        ),
                        "discussion": (
                            "<p>Do not ask about abuse while her partner is there, and do "
                            "not accept him as an interpreter. Book a professional "
                            "interpreter. Look for a routine reason to see Grace one to "
                            "one, such as a part of the process you always do alone, so "
                            "that her partner does not become suspicious.</p>"
                            "<p>Record what you observed, in factual terms: who answered "
                            "the questions, the damage, and the explanation given. Talk "
                            "to your safeguarding lead. You can also ring the PIPPA "
                            "helpline for advice as a professional.</p>"
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "question": (
                            "How does your service make sure every person is seen alone "
                            "for at least part of their appointment?"
                        ),
                        "hint": (
                            "If there is no routine way to do this, raise it with your "
                            "manager or safeguarding lead."
                        ),
                    },
                ),
                (
                    "sources",
                    {
                        "sources": [
                            _source(*NICE_QS116_1),
                            _source(*RCGP),
                            _source(*DEVON),
                            _source(*SAFELIVES_QUICK_START),
                            _source(*RESPECT_GUIDELINES),
                            _source(*STRATEGY),
                        ]
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------ 5
        {
            "slug": "dash-and-risk",
            "title": "Assessing risk with the DASH checklist",
            "summary": (
                "What the SafeLives DASH risk checklist is, how to use it safely, and what "
                "counts as high risk."
            ),
            "minutes": 12,
            "distressing": True,
            "content_note": (
                "This lesson discusses the risk of serious harm and homicide, including "
                "strangulation, and includes a case study about a pregnant woman."
            ),
            "body": [
                ("heading", {"text": "What the DASH checklist is", "level": "h2"}),
                (
                    "text",
                    "<p>DASH stands for domestic abuse, stalking and ‘honour’-based "
                    "violence. The SafeLives Dash risk checklist is a set of questions "
                    "based on research about the signs of high-risk domestic abuse. The "
                    "SafeLives version has 24 questions. The police use their own "
                    "version.</p>"
                    "<p>You can use it for all intimate partner relationships, including "
                    "LGBTQ+ relationships, and for ‘honour’-based violence and family "
                    "violence. It is meant for specialist workers, such as IDVAs, and for "
                    "professionals in mainstream services. SafeLives also publishes a "
                    "version for young people aged 13 to 17.</p>"
                    "<p>A high score means the person is at high risk of murder or "
                    "serious harm and needs urgent help. In Southampton, the PIPPA "
                    "helpline can complete a DASH with the victim’s consent.</p>",
                ),
                (
                    "key_fact",
                    {
                        "title": "The checklist supports your judgement",
                        "text": (
                            "<p>SafeLives says: “The Dash cannot replace vital professional "
                            "judgement. It cannot replace the need for training. It is "
                            "guidance.” If you have not been trained to use it, get advice "
                            "from PIPPA or your safeguarding lead.</p>"
                        ),
                    },
                ),
                ("heading", {"text": "Before and during the checklist", "level": "h2"}),
                (
                    "text",
                    "<p>SafeLives’ quick start guidance says to introduce the checklist "
                    "within your agency’s confidentiality, information-sharing and "
                    "referral policies. Before you start:</p>"
                    "<ul>"
                    "<li>find out how much time the person has, whether it is safe to "
                    "talk now, and safe contact details</li>"
                    "<li>find out where the abuser and any children are</li>"
                    "<li>explain why you are asking the questions and what might happen "
                    "next</li>"
                    "</ul>"
                    "<p>If you are worried about a child, make a referral so that a full "
                    "assessment of their safety and welfare is made. Do not rely on the "
                    "adult’s checklist alone.</p>",
                ),
                ("heading", {"text": "When is risk high?", "level": "h2"}),
                (
                    "text",
                    "<p>SafeLives’ Marac referral form sets out the recommended criteria "
                    "for high-risk cases:</p>"
                    "<ul>"
                    "<li><b>Visible high risk:</b> 14 or more ticks on the Dash risk "
                    "checklist.</li>"
                    "<li><b>Professional judgement:</b> you have serious concerns, even "
                    "if there are fewer ticks. Explain your reasons clearly.</li>"
                    "<li><b>Potential escalation:</b> 3 or more incidents reported to the "
                    "police in the past 12 months.</li>"
                    "<li><b>Repeat:</b> a further incident within 12 months of the last "
                    "referral.</li>"
                    "</ul>"
                    "<p>Professional judgement matters because some victims cannot tell "
                    "you everything. Extreme fear, language barriers, immigration issues "
                    "or ‘honour’-based abuse can all hide the real level of risk. Local "
                    "guidance also lists warning signs that call for professional "
                    "judgement, including separation, non-fatal strangulation, stalking, "
                    "threats to kill, escalation, and the victim’s own sense of how "
                    "dangerous things are.</p>",
                ),
                (
                    "practice_point",
                    {
                        "text": (
                            "<p>Use your judgement to raise concern, not to talk yourself "
                            "out of it. If the score is low but your instinct says the "
                            "person is in danger, say so and say why.</p>"
                        ),
                    },
                ),
                ("heading", {"text": "High risk in Southampton", "level": "h2"}),
                (
                    "text",
                    "<p>National guidance from SafeLives talks about referring high-risk "
                    "cases to a Marac, a multi-agency risk assessment conference. "
                    "Southampton’s strategy says that people assessed as high risk are "
                    "referred, via the Children’s Resource Service (formerly the MASH), "
                    "into the High-Risk Domestic Abuse (HRDA) process. This is a "
                    "multi-agency process where partner agencies gather and share "
                    "information to plan support and safeguarding. Professionals who "
                    "identify high risk can refer directly into HRDA. People at high risk "
                    "are referred to the IDVA service.</p>"
                    "<p>Ask PIPPA or your safeguarding lead how to make an HRDA referral "
                    "from your service.</p>",
                ),
                (
                    "case_study",
                    {
                        "title": "Amira: 11 ticks",
                        "scenario": (
                            "<p>Amira, 24, is 20 weeks pregnant. She tells her community "
                            "mental health nurse that her partner checks her phone and is "
                            "very jealous. Last week, during an argument, he put his hands "
                            "round her neck. She has told him she wants to separate. With "
                            "Amira’s consent the nurse completes a DASH. It has 11 "
                            "ticks.</p>"
                        ),
                        "questions": (
                            "<ul>"
                            "<li>Is Amira at high risk?</li>"
                            "<li>What should the nurse do next?</li>"
                            "</ul>"
                        ),
                        "discussion": (
                            "<p>The score is below 14, but there are several serious "
                            "warning signs: non-fatal strangulation, planned separation, "
                            "jealousy and monitoring, and pregnancy, which also means risk "
                            "to her unborn baby. The nurse should use professional "
                            "judgement, treat this as high risk, and record the "
                            "reasons.</p>"
                            "<p>Next steps: check Amira’s immediate safety and where her "
                            "partner is, call 999 if she is in immediate danger, talk to "
                            "the safeguarding lead, and refer into HRDA. Think about the "
                            "unborn baby in line with your safeguarding procedures.</p>"
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "question": (
                            "Have you ever felt a situation was more dangerous than the "
                            "paperwork showed? What did you do?"
                        ),
                        "hint": (
                            "Professional judgement is a recognised reason for a high-risk "
                            "referral. You need to explain your reasons."
                        ),
                    },
                ),
                (
                    "sources",
                    {
                        "sources": [
                            _source(*SAFELIVES_RISK),
                            _source(*SAFELIVES_QUICK_START),
                            _source(*SAFELIVES_YOUNG_PEOPLE),
                            _source(*SAFELIVES_MARAC_TOOLKIT),
                            _source(*SCIE_MARAC),
                            _source(*PLYMOUTH_DASH),
                            _source(*STRATEGY),
                        ]
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------ 6
        {
            "slug": "local-pathway",
            "title": "Getting help in Southampton",
            "summary": (
                "What to do next: 999, the PIPPA helpline, outreach, the HRDA process, the "
                "IDVA service and national helplines."
            ),
            "minutes": 9,
            "distressing": False,
            "content_note": "",
            "body": [
                ("heading", {"text": "If someone is in immediate danger", "level": "h2"}),
                (
                    "text",
                    "<p>Call 999. Southampton’s strategy is clear: if someone is in "
                    "immediate danger, dial 999 for police help. Do not wait to complete "
                    "a form or reach a manager first.</p>",
                ),
                ("heading", {"text": "The PIPPA helpline: 023 8091 7917", "level": "h2"}),
                (
                    "text",
                    "<p>PIPPA stands for Prevention, Intervention and Public Protection "
                    "Alliance. It is an alliance of specialist sexual and domestic abuse "
                    "services in Southampton.</p>"
                    "<p>The PIPPA helpline is for domestic abuse, including harmful "
                    "practices such as forced marriage and ‘honour’-based violence. It is "
                    "open to practitioners and to members of the public. Trained "
                    "specialists give initial guidance, support and safety advice. With "
                    "the victim’s consent, they can complete a DASH risk assessment.</p>"
                    "<p>You can ring PIPPA for advice about a case, or ring with the "
                    "person you are supporting. Check current opening times on the "
                    "council’s domestic abuse web page.</p>",
                ),
                ("heading", {"text": "Support depends on the level of risk", "level": "h2"}),
                (
                    "accordion",
                    {
                        "sections": [
                            {
                                "heading": "Standard or medium risk: outreach",
                                "content": (
                                    "<p>People assessed as standard or medium risk are "
                                    "offered community outreach support from a specialist "
                                    "domestic abuse worker, with their consent. There are "
                                    "specialist workers for harmful practices, disability "
                                    "advocacy, and for people who need support with "
                                    "mental health, drugs or alcohol.</p>"
                                ),
                            },
                            {
                                "heading": "High risk: HRDA and the IDVA service",
                                "content": (
                                    "<p>People assessed as high risk are referred, via "
                                    "the Children’s Resource Service (formerly the MASH), "
                                    "into the HRDA process. Professionals can refer "
                                    "directly into HRDA. The 2019 scrutiny report "
                                    "described HRDA as a daily meeting of professionals "
                                    "from different agencies. People at high risk are "
                                    "referred to the IDVA service.</p>"
                                ),
                            },
                            {
                                "heading": "What IDVAs and outreach workers do",
                                "content": (
                                    "<p>They help people get support with housing, "
                                    "benefits, health, Children’s Services and legal "
                                    "advice. They help people through the criminal and "
                                    "civil courts. They advocate for the victim and keep "
                                    "the focus on safety.</p>"
                                ),
                            },
                            {
                                "heading": "Children",
                                "content": (
                                    "<p>Follow your own safeguarding procedures. The "
                                    "2019 scrutiny report described the MASH, now the "
                                    "Children’s Resource Service, as the single point of "
                                    "contact for all safeguarding concerns about "
                                    "children and young people in Southampton.</p>"
                                ),
                            },
                            {
                                "heading": "Sexual abuse and stalking",
                                "content": (
                                    "<p>A specialist sexual abuse helpline offers advice, "
                                    "support, and referral to ISVAs and therapy. A "
                                    "specialist stalking service works across Hampshire, "
                                    "whether or not the victim is involved with the "
                                    "criminal justice system. Victims can refer "
                                    "themselves, or any service working with them can "
                                    "refer.</p>"
                                ),
                            },
                        ]
                    },
                ),
                ("heading", {"text": "National helplines", "level": "h3"}),
                (
                    "text",
                    "<p>Refuge’s National Domestic Abuse Helpline is free, confidential "
                    "and open 24 hours a day on 0808 2000 247. The Men’s Advice Line, for "
                    "men experiencing domestic abuse, is on 0808 801 0327.</p>",
                ),
                (
                    "case_study",
                    {
                        "title": "Tom: asking for help as a man",
                        "scenario": (
                            "<p>Tom, 34, uses a drug and alcohol service. He tells his "
                            "recovery worker that his husband takes his wages, reads his "
                            "messages and has threatened to “out” his past drug use to his "
                            "employer. Last month his husband pushed him down the stairs. "
                            "Tom says, “Who’s going to believe a bloke?”</p>"
                        ),
                        "questions": (
                            "<ul>"
                            "<li>Which parts of the pathway apply to Tom?</li>"
                            "<li>What can the recovery worker do today?</li>"
                            "</ul>"
                        ),
                        "discussion": (
                            "<p>Tom’s experience fits the legal definition: economic "
                            "abuse, monitoring, threats and physical violence by a "
                            "partner. The pathway is the same for him as for anyone "
                            "else.</p>"
                            "<p>The worker can believe him and say so. With Tom’s consent "
                            "they can call the PIPPA helpline together, so that a DASH "
                            "risk assessment is done and he is offered outreach or, if "
                            "high risk, an HRDA referral and an IDVA. They can also give "
                            "him the Men’s Advice Line number, if it is safe for him to "
                            "keep it.</p>"
                        ),
                    },
                ),
                (
                    "practice_point",
                    {
                        "text": (
                            "<p>After any disclosure, tell your safeguarding lead, record "
                            "your decisions and your reasons, and agree who will follow "
                            "up. Look after yourself too: talk to your manager if a case "
                            "has affected you.</p>"
                        ),
                    },
                ),
                (
                    "get_help",
                    {
                        "heading": "Where to get help",
                        "services": [
                            "emergency-999",
                            "pippa",
                            "national-da-helpline",
                            "mens-advice-line",
                            "yellow-door",
                            "karma-nirvana",
                            "forced-marriage-unit",
                            "police-101",
                        ],
                    },
                ),
                (
                    "sources",
                    {
                        "sources": [
                            _source(*STRATEGY),
                            _source(*SCRUTINY),
                            _source(*GOV_GET_HELP),
                            _source(*DA_ACT_S1),
                        ]
                    },
                ),
            ],
        },
    ],
}


QUESTIONS = [
    {
        "type": "single",
        "topic": "what-domestic-abuse-is",
        "stem": (
            "<p>Under the Domestic Abuse Act 2021, how old must both people be for "
            "behaviour to count as domestic abuse?</p>"
        ),
        "options": [
            {
                "text": "16 or over",
                "correct": True,
                "feedback": "Correct. Section 1 says A and B must each be aged 16 or over.",
            },
            {
                "text": "18 or over",
                "correct": False,
                "feedback": "Not quite. The Act sets the age at 16, not 18.",
            },
            {
                "text": "There is no age limit",
                "correct": False,
                "feedback": (
                    "No. Both people must be 16 or over. Children can still be victims "
                    "of domestic abuse under section 3 of the Act."
                ),
            },
        ],
        "feedback": (
            "<p>Domestic Abuse Act 2021, section 1(2): both people must be aged 16 or over "
            "and personally connected, and the behaviour must be abusive.</p>"
        ),
    },
    {
        "type": "multiple",
        "topic": "what-domestic-abuse-is",
        "stem": (
            "<p>Which of these pairs are “personally connected” under section 2 of the "
            "Domestic Abuse Act 2021? Choose all that apply.</p>"
        ),
        "options": [
            {
                "text": "Ex-partners who have never lived together",
                "correct": True,
                "feedback": (
                    "Correct. People who are or have been in an intimate personal "
                    "relationship are personally connected. Living together is not needed."
                ),
            },
            {
                "text": "An adult son and his mother",
                "correct": True,
                "feedback": "Correct. Relatives are personally connected.",
            },
            {
                "text": "Two people who each have parental responsibility for the same child",
                "correct": True,
                "feedback": (
                    "Correct. People who each have, or have had, a parental relationship "
                    "with the same child are personally connected."
                ),
            },
            {
                "text": "Two neighbours who have never been in a relationship",
                "correct": False,
                "feedback": (
                    "No. Neighbours are not personally connected, although abuse between "
                    "them may still be a crime."
                ),
            },
        ],
        "feedback": (
            "<p>Section 2 of the Domestic Abuse Act 2021 covers partners and ex-partners, "
            "people who have agreed to marry or form a civil partnership, parents of the "
            "same child, and relatives. They do not need to live together.</p>"
        ),
    },
    {
        "type": "true_false",
        "topic": "what-domestic-abuse-is",
        "stem": (
            "<p>True or false: a child is only a victim of domestic abuse if the abuse is "
            "aimed directly at them.</p>"
        ),
        "options": [
            {
                "text": "True",
                "correct": False,
                "feedback": (
                    "No. A child who sees, hears or experiences the effects of the abuse, "
                    "and is related to either person, is a victim."
                ),
            },
            {
                "text": "False",
                "correct": True,
                "feedback": (
                    "Correct. Children are victims in their own right if they see, hear "
                    "or experience the effects of the abuse."
                ),
            },
        ],
        "feedback": (
            "<p>Domestic Abuse Act 2021, section 3: a child who sees or hears, or "
            "experiences the effects of, the abuse, and is related to either person, is a "
            "victim of domestic abuse.</p>"
        ),
    },
    {
        "type": "single",
        "topic": "coercive-control",
        "stem": (
            "<p>What did section 68 of the Domestic Abuse Act 2021 change about the "
            "controlling or coercive behaviour offence?</p>"
        ),
        "options": [
            {
                "text": (
                    "It removed the requirement for ex-partners and family members to live "
                    "together, from 5 April 2023"
                ),
                "correct": True,
                "feedback": (
                    "Correct. The offence now covers partners, ex-partners and family "
                    "members whether or not they live together."
                ),
            },
            {
                "text": "It created the offence for the first time",
                "correct": False,
                "feedback": (
                    "No. The offence was created by section 76 of the Serious Crime Act "
                    "2015. Section 68 amended it."
                ),
            },
            {
                "text": "It made the change apply to all past behaviour",
                "correct": False,
                "feedback": ("No. The change only applies to behaviour on or after 5 April 2023."),
            },
        ],
        "feedback": (
            "<p>Section 68 of the Domestic Abuse Act 2021 amended “personally connected” "
            "in section 76 of the Serious Crime Act 2015. It came into force on 5 April "
            "2023 (SI 2023/406), so post-separation abuse is now covered.</p>"
        ),
    },
    {
        "type": "single",
        "topic": "coercive-control",
        "stem": (
            "<p>For the offence, when does behaviour have a “serious effect” on the victim?</p>"
        ),
        "options": [
            {
                "text": (
                    "It makes them fear violence on at least two occasions, or causes "
                    "serious alarm or distress with a substantial adverse effect on their "
                    "usual day-to-day activities"
                ),
                "correct": True,
                "feedback": "Correct. This is the test in section 76(4).",
            },
            {
                "text": "It causes a physical injury",
                "correct": False,
                "feedback": ("No. The offence does not need any physical injury or violence."),
            },
            {
                "text": "The victim has reported it to the police at least twice",
                "correct": False,
                "feedback": "No. Reporting to the police is not part of the test.",
            },
        ],
        "feedback": (
            "<p>Serious Crime Act 2015, section 76(4) defines a serious effect as fear of "
            "violence on at least two occasions, or serious alarm or distress that has a "
            "substantial adverse effect on day-to-day activities.</p>"
        ),
    },
    {
        "type": "multiple",
        "topic": "signs-and-barriers",
        "stem": (
            "<p>Which of these are reasons people may not tell you about domestic abuse? "
            "Choose all that apply.</p>"
        ),
        "options": [
            {
                "text": "They fear their children will be taken away",
                "correct": True,
                "feedback": "Correct. Fear of what services will do is a common barrier.",
            },
            {
                "text": "They told someone before and the abuse got worse",
                "correct": True,
                "feedback": "Correct. Past experience of telling can stop people again.",
            },
            {
                "text": "They do not see what is happening as abuse",
                "correct": True,
                "feedback": ("Correct. Many people think abuse only means physical violence."),
            },
            {
                "text": "People who are being abused always tell the first time they are asked",
                "correct": False,
                "feedback": (
                    "No. Someone may say no at first. A kind response makes it more "
                    "likely they will come back to you."
                ),
            },
        ],
        "feedback": (
            "<p>The RCGP’s safeguarding guidance describes these barriers. Southampton’s "
            "strategy adds that some groups, including disabled, migrant and LGBT+ "
            "victims, and male and non-binary victims, face extra barriers.</p>"
        ),
    },
    {
        "type": "single",
        "topic": "asking-safely",
        "stem": (
            "<p>A woman you suspect is being abused speaks limited English. Her husband "
            "offers to interpret. What should you do?</p>"
        ),
        "options": [
            {
                "text": "Book a professional interpreter and find a way to see her alone",
                "correct": True,
                "feedback": (
                    "Correct. Never use a partner, family member, friend or carer to interpret."
                ),
            },
            {
                "text": "Accept his offer, but keep your questions general",
                "correct": False,
                "feedback": (
                    "No. He may be the abuser, and anything said could be passed on or changed."
                ),
            },
            {
                "text": "Ask her adult daughter to interpret instead",
                "correct": False,
                "feedback": (
                    "No. Family members should not interpret. They may be involved or "
                    "under pressure."
                ),
            },
        ],
        "feedback": (
            "<p>RCGP safeguarding guidance says that if an interpreter is needed, do not "
            "use friends, family or carers. NICE QS116 says people should be asked in a "
            "private discussion.</p>"
        ),
    },
    {
        "type": "single",
        "topic": "asking-safely",
        "stem": (
            "<p>What does NICE quality standard QS116 say about asking people who show "
            "signs of possible domestic abuse?</p>"
        ),
        "options": [
            {
                "text": "They should be asked about their experiences in a private discussion",
                "correct": True,
                "feedback": "Correct. This is quality statement 1 of QS116.",
            },
            {
                "text": "Only specialist domestic abuse workers should ask",
                "correct": False,
                "feedback": (
                    "No. The statement is about frontline staff, including health and "
                    "social care practitioners."
                ),
            },
            {
                "text": "They should be asked with a family member present for support",
                "correct": False,
                "feedback": ("No. Asking in front of others can put the person at risk."),
            },
        ],
        "feedback": (
            "<p>NICE QS116, statement 1: people presenting to frontline staff with "
            "indicators of possible domestic violence or abuse are asked about their "
            "experiences in a private discussion.</p>"
        ),
    },
    {
        "type": "single",
        "topic": "dash-and-risk",
        "stem": (
            "<p>How many “yes” ticks on the SafeLives Dash risk checklist does SafeLives "
            "recommend as “visible high risk”?</p>"
        ),
        "options": [
            {
                "text": "14 or more",
                "correct": True,
                "feedback": "Correct. 14 or more ticks is the visible high risk criterion.",
            },
            {
                "text": "10 or more",
                "correct": False,
                "feedback": "No. SafeLives’ recommended threshold is 14 or more ticks.",
            },
            {
                "text": "All 24 questions",
                "correct": False,
                "feedback": (
                    "No. A person can be at high risk with far fewer ticks, and "
                    "professional judgement can also identify high risk."
                ),
            },
        ],
        "feedback": (
            "<p>SafeLives’ Marac referral criteria: visible high risk (14 or more ticks), "
            "professional judgement, potential escalation and repeat. The checklist "
            "supports, but does not replace, professional judgement.</p>"
        ),
    },
    {
        "type": "multiple",
        "topic": "dash-and-risk",
        "stem": (
            "<p>Which of these are SafeLives’ recommended criteria for treating a case as "
            "high risk? Choose all that apply.</p>"
        ),
        "options": [
            {
                "text": "Professional judgement that the person is at serious risk",
                "correct": True,
                "feedback": "Correct. A referral can be made on professional judgement.",
            },
            {
                "text": "3 or more incidents reported to the police in the past 12 months",
                "correct": True,
                "feedback": "Correct. This is the potential escalation criterion.",
            },
            {
                "text": "14 or more ticks on the Dash risk checklist",
                "correct": True,
                "feedback": "Correct. This is visible high risk.",
            },
            {
                "text": "The victim has already left the relationship",
                "correct": False,
                "feedback": ("No. Leaving is not a criterion, and separation can increase risk."),
            },
        ],
        "feedback": (
            "<p>SafeLives’ Marac referral form lists visible high risk, professional "
            "judgement, potential escalation and repeat. In Southampton, high-risk cases "
            "go into the HRDA process (Southampton Domestic Abuse and VAWG Strategy "
            "2023–2028).</p>"
        ),
    },
    {
        "type": "matching",
        "topic": "local-pathway",
        "stem": "<p>Match each situation to the right first step in Southampton.</p>",
        "pairs": [
            ["Someone is in immediate danger", "Call 999"],
            [
                "You need advice, or a DASH risk assessment with the victim’s consent",
                "Call the PIPPA helpline on 023 8091 7917",
            ],
            [
                "The person is assessed as high risk",
                "Refer into the HRDA process, which leads to the IDVA service",
            ],
            [
                "The person is assessed as standard or medium risk",
                "Offer outreach support from a specialist worker, with consent",
            ],
        ],
        "feedback": (
            "<p>This is the pathway set out in the Southampton Domestic Abuse and VAWG "
            "Strategy 2023–2028: 999 in an emergency, PIPPA for advice and DASH, outreach "
            "for standard or medium risk, and HRDA then the IDVA service for high risk.</p>"
        ),
    },
    {
        "type": "single",
        "topic": "local-pathway",
        "stem": "<p>Who can call the PIPPA helpline?</p>",
        "options": [
            {
                "text": "Both practitioners and members of the public",
                "correct": True,
                "feedback": "Correct. The helpline is open to both.",
            },
            {
                "text": "Only the police",
                "correct": False,
                "feedback": "No. Anyone can call, including you as a practitioner.",
            },
            {
                "text": "Only victims who have already reported to the police",
                "correct": False,
                "feedback": "No. There is no requirement to have reported to the police.",
            },
        ],
        "feedback": (
            "<p>Southampton’s strategy says the PIPPA helpline (023 8091 7917) is open to "
            "practitioners and members of the public, and covers domestic abuse including "
            "forced marriage and ‘honour’-based violence.</p>"
        ),
    },
]
