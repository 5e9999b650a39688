"""Module: DARE, routine enquiry about perpetrating abuse.

Plain data for ``load_demo``: see ``courses/demo_content/__init__.py`` for the format.
The DARE toolkit itself is not public. This module teaches the principles from public
guidance and says so; it does not reproduce the Hampton Trust's materials.
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
NICE_QS116_4 = (
    "NICE quality standard QS116, statement 4: referral to specialist services for "
    "people perpetrating domestic violence or abuse",
    "https://www.nice.org.uk/guidance/qs116/chapter/"
    "quality-statement-4-referral-to-specialist-services-for-people-perpetrating-"
    "domestic-violence-or",
)
NICE_QS116_1 = (
    "NICE quality standard QS116, statement 1: asking about domestic violence and abuse",
    "https://www.nice.org.uk/guidance/qs116/chapter/"
    "Quality-statement-1-Asking-about-domestic-violence-and-abuse",
)
NICE_PH50 = (
    "NICE guideline PH50: Domestic violence and abuse: multi-agency working",
    "https://www.nice.org.uk/guidance/ph50",
)
RESPECT_GUIDELINES = (
    "Guidelines for working with perpetrators of domestic abuse (frontline workers), "
    "Respect Phoneline",
    "https://respectphoneline.org.uk/resources/frontline-workers/"
    "guidelines-for-working-with-perpetrators-of-domestic-abuse/",
)
RESPECT_PHONELINE = (
    "Respect Phoneline support over the festive period: who the Phoneline is for, Respect",
    "http://www.respect.uk.net/articles/respect-phoneline-support-over-the-festive-period",
)
RESPECT_NOT_LOVE = (
    "“It’s not love if…”: examples of controlling behaviour, Respect",
    "https://www.respect.org.uk/articles/valentine-s-day-at-respect-it-s-not-love-if",
)
RESPECT_STANDARD = (
    "The Respect Standard: accreditation for work with perpetrators of domestic abuse, Respect",
    "http://respect.uk.net/what-we-do/accreditation/the-respect-standard/",
)
HO_STANDARDS = (
    "Standards for domestic abuse perpetrator interventions (January 2023), Home Office",
    "https://www.gov.uk/government/publications/"
    "standards-for-domestic-abuse-perpetrator-interventions/"
    "standards-for-domestic-abuse-perpetrator-interventions-accessible",
)
SAFELIVES_INFORM = (
    "Information for a victim referred to Marac, SafeLives",
    "https://safelives.org.uk/resources-library/information-for-a-victim-referred-to-marac/",
)
SAFELIVES_QUICK_START = (
    "Quick start guidance for the Dash risk checklist, SafeLives",
    "https://safelives.org.uk/resources-library/quick-start-guidance-for-dash-risk-checklist/",
)
INFO_SHARING = (
    "Information sharing advice for safeguarding practitioners (updated May 2024), HM Government",
    "https://www.gov.uk/government/publications/safeguarding-practitioners-information-"
    "sharing-advice",
)
DA_ACT_S3 = (
    "Domestic Abuse Act 2021, section 3: children as victims of domestic abuse",
    "https://www.legislation.gov.uk/ukpga/2021/17/section/3",
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
HAMPTON_TRUST = (
    "The Hampton Trust: programmes and partnerships",
    "https://hamptontrust.org.uk/work-with-us/comissioning-and-partnerships/",
)


MODULE = {
    "slug": "dare",
    "title": "DARE: routine enquiry about perpetrating abuse",
    "summary": (
        "The principles behind DARE, Southampton’s routine enquiry model for identifying "
        "people who use abusive behaviour: when it is safe to ask, how to respond without "
        "colluding, and how to refer."
    ),
    "audiences": [
        "substance-misuse-mental-health",
        "social-care",
        "health",
        "housing",
        "voluntary",
    ],
    "outcomes": [
        "Explain why Southampton wants services to ask about abusive behaviour, and what "
        "the DARE model is for.",
        "Decide when it is safe to ask about abusive behaviour, and when it is not.",
        "Ask about abusive behaviour and respond to what you hear without colluding or minimising.",
        "Put the safety of victims and children first, including sharing information "
        "when you need to.",
        "Refer people who use abuse to behaviour-change support, including the Hampton "
        "Trust programme, the Respect Phone Line and the Male Engagement Worker.",
    ],
    "estimated_minutes": 50,
    "cpd_minutes": 50,
    "refresh_months": 24,
    "content_note": (
        "This module talks about people who use abusive behaviour, including violence, "
        "coercive control, and risk to partners and children. It includes short invented "
        "case studies. You can pause at any time. Support is listed in the lessons."
    ),
    "review_by": datetime.date(2027, 11, 1),
    "contact": "The Domestic Abuse Training Coordinator, through your agency lead",
    "lessons": [
        # ------------------------------------------------------------------ 1
        {
            "slug": "why-ask",
            "title": "Why ask about perpetrating abuse",
            "summary": (
                "The gap that DARE is designed to fill, and why asking about abusive "
                "behaviour helps keep victims safe."
            ),
            "minutes": 9,
            "distressing": False,
            "content_note": "",
            "body": [
                (
                    "key_fact",
                    {
                        "title": "About this module",
                        "text": (
                            "<p>DARE stands for the Domestic Abuse Routine Enquiry Model. It "
                            "was developed by The Hampton Trust, Southampton’s commissioned "
                            "perpetrator service. The full DARE model and its tools are not "
                            "published, and this module does not reproduce them.</p>"
                            "<p>This module covers the principles behind routine enquiry "
                            "about perpetrating abuse, using public national guidance. The "
                            "full DARE toolkit is delivered by The Hampton Trust. Ask your "
                            "manager or agency lead how your team can get DARE "
                            "training.</p>"
                        ),
                    },
                ),
                ("heading", {"text": "The gap DARE is designed to fill", "level": "h2"}),
                (
                    "text",
                    "<p>Many services already use routine enquiry with victims. Southampton’s "
                    "2019 scrutiny inquiry described routine enquiry as asking all women at "
                    "assessments about abuse, whether or not there are any signs or "
                    "suspicions. It was established in maternity, sexual health, health "
                    "visiting, substance misuse and mental health settings.</p>"
                    "<p>The inquiry found no equivalent approach for asking people whether "
                    "they were perpetrating abuse. It recommended introducing routine "
                    "enquiry about perpetration across services such as primary care, "
                    "mental health and substance misuse, to improve identification and "
                    "create chances for early intervention.</p>",
                ),
                (
                    "text",
                    "<p>Southampton’s strategy explains why this matters. Rates of "
                    "charging, prosecution and conviction for domestic abuse are "
                    "disproportionately low. So most abusers never reach the "
                    "court-mandated behaviour change programmes run by the Probation "
                    "Service. Re-offending is also a problem: of 2,853 domestic-flagged "
                    "crime offenders identified in Southampton in 2020/21, 31.4% were "
                    "repeat offenders.</p>"
                    "<p>The strategy calls for more referrals to community behaviour-change "
                    "programmes from organisations outside the criminal justice system. It "
                    "also names a gap: service providers are often not confident in "
                    "identifying abusive behaviour, or equipped to hold challenging "
                    "conversations safely.</p>",
                ),
                (
                    "key_fact",
                    {
                        "title": "What DARE is for",
                        "text": (
                            "<p>The strategy says the commissioned perpetrator service "
                            "developed DARE “to support practitioners to identify domestic "
                            "abuse perpetrators, to explore the risks and to support them "
                            "into specialist services”. The model will be independently "
                            "evaluated.</p>"
                            "<p>Action 16 of the strategy says agencies, particularly Adult "
                            "Social Care, Children’s Services, mental health and drug and "
                            "alcohol services, will identify and respond to perpetrators "
                            "consistently and effectively, including through early "
                            "intervention.</p>"
                        ),
                    },
                ),
                ("heading", {"text": "Why it matters for victims", "level": "h2"}),
                (
                    "text",
                    "<p>Southampton’s strategy warns that professionals often focus on "
                    "what the victim does to keep safe, not on the behaviour of the person "
                    "causing harm. That can leave the abuser “invisible, unaccountable and "
                    "free to continue”.</p>"
                    "<p>People who use abuse are already in your services. Respect’s "
                    "guidance for frontline workers notes they may come to you with other "
                    "problems, such as substance use, stress or depression, and may not "
                    "mention abuse at all. NICE quality standard QS116 says people who "
                    "disclose that they are perpetrating domestic violence or abuse should "
                    "be offered referral to specialist services. NICE explains that "
                    "support for perpetrators can reduce domestic violence and abuse.</p>",
                ),
                (
                    "practice_point",
                    {
                        "text": (
                            "<p>Asking about behaviour is not an accusation, and it is not "
                            "an assessment you make on your own. Your job is to notice, "
                            "ask safely, respond well, think about who else is at risk, "
                            "and connect the person to specialist help. The specialist "
                            "services do the behaviour-change work.</p>"
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "question": (
                            "How often do your clients talk about their relationships? "
                            "What do you do now when someone mentions arguments, jealousy "
                            "or the police being called?"
                        ),
                        "hint": (
                            "These moments are chances to ask. The rest of this module "
                            "covers how to do it safely."
                        ),
                    },
                ),
                (
                    "sources",
                    {
                        "sources": [
                            _source(*STRATEGY),
                            _source(*SCRUTINY),
                            _source(*NICE_QS116_4),
                            _source(*NICE_PH50),
                            _source(*RESPECT_GUIDELINES),
                        ]
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------ 2
        {
            "slug": "when-safe-to-ask",
            "title": "When it is safe to ask",
            "summary": (
                "Safety first and do no harm: never ask with the victim present, and never "
                "if asking could raise the risk to the victim."
            ),
            "minutes": 10,
            "distressing": False,
            "content_note": "",
            "body": [
                ("heading", {"text": "Two principles", "level": "h2"}),
                (
                    "text",
                    "<p>Respect’s guidelines for frontline workers set out two principles "
                    "for any work with people who use abuse:</p>"
                    "<ul>"
                    "<li><b>Safety first.</b> Your main aim should always be to increase "
                    "the safety and wellbeing of survivors and their children. Behaviour "
                    "change matters, but reducing harm comes first.</li>"
                    "<li><b>Do no harm.</b> Take all reasonable steps to make sure your "
                    "support does not make things worse, or create new risks, for "
                    "survivors and their children.</li>"
                    "</ul>"
                    "<p>Routine enquiry about perpetration only works if it keeps victims "
                    "safer. Everything in this lesson follows from these two "
                    "principles.</p>",
                ),
                ("heading", {"text": "Never ask with the victim present", "level": "h2"}),
                (
                    "text",
                    "<p>Ask only when you are alone with the person. Never ask about "
                    "abusive behaviour in front of their partner, ex-partner, children or "
                    "other family members. The victim may be blamed or punished for "
                    "anything that comes up, or feel unable to say what is really "
                    "happening.</p>"
                    "<p>The same applies to victims: NICE says people should be asked "
                    "about abuse in a private discussion. A joint appointment is not the "
                    "place for either conversation.</p>",
                ),
                (
                    "accordion",
                    {
                        "sections": [
                            {
                                "heading": "Do not ask if the partner or children can hear",
                                "content": (
                                    "<p>Wait for, or create, a one-to-one part of the "
                                    "appointment. If that is not possible today, do not "
                                    "ask today.</p>"
                                ),
                            },
                            {
                                "heading": "Do not reveal what a victim has told you",
                                "content": (
                                    "<p>If the partner has disclosed abuse to you or "
                                    "another service, do not use that to challenge the "
                                    "person. They may work out that the victim has asked "
                                    "for help. SafeLives notes that where an abuser does "
                                    "not know the victim has sought help, contact about "
                                    "it must be handled with care. Talk to your "
                                    "safeguarding lead first.</p>"
                                ),
                            },
                            {
                                "heading": "Do not ask if it could raise the risk",
                                "content": (
                                    "<p>If you think asking could lead to the victim "
                                    "being hurt, pressured or watched more closely, do "
                                    "not ask. Make a plan with your safeguarding lead "
                                    "instead.</p>"
                                ),
                            },
                            {
                                "heading": "Deal with immediate risk first",
                                "content": (
                                    "<p>If anyone is in immediate danger, call 999. If "
                                    "the person is too intoxicated or distressed to "
                                    "take part, plan to ask at a better time.</p>"
                                ),
                            },
                        ]
                    },
                ),
                ("heading", {"text": "Routine, not targeted", "level": "h2"}),
                (
                    "text",
                    "<p>Routine enquiry means asking everyone, as a normal part of "
                    "assessment, whether or not there are signs. This helps in two ways. "
                    "Nobody is singled out, so the question does not suggest that anyone "
                    "has reported them. And it makes talking about behaviour in "
                    "relationships an ordinary part of your service.</p>"
                    "<p>If your team is trained in DARE, use the wording and process your "
                    "service has agreed.</p>",
                ),
                (
                    "case_study",
                    {
                        "title": "Lee: the joint appointment",
                        "scenario": (
                            "<p>Lee, 41, is starting treatment at an alcohol service. His "
                            "partner comes to his first appointment and stays in the "
                            "room. She mentions that things “get heated” when Lee has been "
                            "drinking. Lee laughs it off. Your assessment form includes "
                            "questions about relationships.</p>"
                        ),
                        "questions": (
                            "<ul>"
                            "<li>Should you ask Lee about abusive behaviour now?</li>"
                            "<li>How could you make a safe chance to ask?</li>"
                            "<li>What about his partner?</li>"
                            "</ul>"
                        ),
                        "discussion": (
                            "<p>Not now. Asking in front of his partner could put her at "
                            "risk, and she may already have taken a risk by speaking. "
                            "Do not repeat her words to Lee later.</p>"
                            "<p>Make sure every client has a one-to-one part of "
                            "assessment, and ask Lee then, as a routine question you ask "
                            "everyone. Separately, think about whether his partner could "
                            "be a victim. She should be offered a private conversation "
                            "by someone who is not working with Lee, and information "
                            "about the PIPPA helpline if it is safe for her to have it. "
                            "Talk to your safeguarding lead.</p>"
                        ),
                    },
                ),
                (
                    "practice_point",
                    {
                        "text": (
                            "<p>Plan before you ask. Know what you will do if the answer is "
                            "yes: who you will talk to, what you will record, and where "
                            "you can refer. You can ring the Respect Phone Line for advice "
                            "on 0808 802 4040.</p>"
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "question": (
                            "Does your service have a routine one-to-one part of every "
                            "assessment? If not, what would it take to add one?"
                        ),
                        "hint": "Without it, you cannot ask either victims or perpetrators safely.",
                    },
                ),
                (
                    "sources",
                    {
                        "sources": [
                            _source(*RESPECT_GUIDELINES),
                            _source(*RESPECT_PHONELINE),
                            _source(*NICE_QS116_1),
                            _source(*SAFELIVES_INFORM),
                            _source(*HO_STANDARDS),
                            _source(*SCRUTINY),
                        ]
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------ 3
        {
            "slug": "asking-and-responding",
            "title": "Asking and responding without colluding",
            "summary": (
                "How to ask about abusive behaviour, what you may hear, and how to respond "
                "without excusing or minimising it."
            ),
            "minutes": 12,
            "distressing": True,
            "content_note": (
                "This lesson includes examples of abusive behaviour and of the excuses "
                "people give for it."
            ),
            "body": [
                ("heading", {"text": "How to ask", "level": "h2"}),
                (
                    "text",
                    "<p>Explain that you ask everyone, and explain the limits of "
                    "confidentiality before you start. Then ask about behaviour, not "
                    "labels. A question like “Are you abusive?” invites a quick no. "
                    "Questions about what the person does when they are angry or jealous "
                    "are more likely to start a real conversation.</p>",
                ),
                (
                    "accordion",
                    {
                        "sections": [
                            {
                                "heading": "Example questions",
                                "content": (
                                    "<ul>"
                                    "<li>“Relationships can be hard. Do you ever worry "
                                    "about how you behave when you’re angry or "
                                    "jealous?”</li>"
                                    "<li>“Has your partner, or anyone at home, ever "
                                    "seemed frightened of you?”</li>"
                                    "<li>“Have you ever pushed, hit or threatened a "
                                    "partner or family member?”</li>"
                                    "<li>“Do you ever check your partner’s phone, or "
                                    "stop them seeing people?”</li>"
                                    "<li>“Have the police or children’s services ever "
                                    "been involved because of arguments at home?”</li>"
                                    "</ul>"
                                ),
                            },
                            {
                                "heading": "Behaviours to listen for",
                                "content": (
                                    "<p>Respect’s public campaign lists behaviours that "
                                    "are abusive, including controlling who a partner "
                                    "spends time with, telling them what they can wear, "
                                    "checking their messages, pressuring them into sex, "
                                    "and making them feel stupid or humiliated.</p>"
                                ),
                            },
                        ]
                    },
                ),
                ("heading", {"text": "What you may hear", "level": "h2"}),
                (
                    "text",
                    "<p>Respect’s guidelines describe common ways people who use abuse "
                    "present to services. They may:</p>"
                    "<ul>"
                    "<li>ask for help with their behaviour, often after a crisis, an "
                    "arrest or an ultimatum from their partner</li>"
                    "<li>not admit responsibility, and blame other people or other "
                    "factors</li>"
                    "<li>talk about other problems, such as substance use, stress or "
                    "depression, and not mention the abuse</li>"
                    "<li>say that their partner is the abusive one</li>"
                    "</ul>"
                    "<p>Take every account of abuse seriously. But be aware that some "
                    "people present as victims because they genuinely see themselves that "
                    "way, and some do it to keep power and control over their partner. "
                    "Southampton’s strategy also warns that abusers can manipulate "
                    "services, for example by making malicious reports about the "
                    "victim.</p>",
                ),
                ("heading", {"text": "Responding without colluding", "level": "h2"}),
                (
                    "text",
                    "<p>Collusion means responding in a way that accepts or reinforces the "
                    "person’s excuses, so the abuse looks smaller or someone else’s fault. "
                    "It is easy to do by accident, especially when you are trying to build "
                    "rapport.</p>"
                    "<p>The Home Office standards for perpetrator interventions say "
                    "interventions “should hold perpetrators to account, whilst treating "
                    "them with respect, and offering opportunities to choose to change”. "
                    "That balance is what you are aiming for. Respect’s Phoneline team "
                    "puts it simply: abuse is always a choice, and we are always "
                    "responsible for our behaviour.</p>",
                ),
                (
                    "accordion",
                    {
                        "sections": [
                            {
                                "heading": "“It was only a push.”",
                                "content": (
                                    "<p><b>Collusive:</b> “Well, at least it wasn’t "
                                    "serious.”</p>"
                                    "<p><b>Better:</b> “A push can hurt and frighten "
                                    "someone. How did she react? What happened "
                                    "next?”</p>"
                                ),
                            },
                            {
                                "heading": "“It’s the drink.”",
                                "content": (
                                    "<p><b>Collusive:</b> “Once we’ve sorted your "
                                    "drinking, that will stop.”</p>"
                                    "<p><b>Better:</b> “We can work on your drinking. But "
                                    "how you treat your partner is your choice, drunk or "
                                    "sober. Would you like help with that too?”</p>"
                                ),
                            },
                            {
                                "heading": "“She winds me up.”",
                                "content": (
                                    "<p><b>Collusive:</b> “It sounds like she knows how "
                                    "to push your buttons.”</p>"
                                    "<p><b>Better:</b> “Everyone gets wound up. I’m "
                                    "interested in what you did, and what you could do "
                                    "differently.”</p>"
                                ),
                            },
                            {
                                "heading": "“I’m the real victim here.”",
                                "content": (
                                    "<p>Listen and record what they say. Do not take "
                                    "sides or act on it alone, and do not contact the "
                                    "partner about it. Discuss it with your safeguarding "
                                    "lead.</p>"
                                ),
                            },
                        ]
                    },
                ),
                (
                    "case_study",
                    {
                        "title": "Sam: “I just lose it”",
                        "scenario": (
                            "<p>Sam, 36, sees a community mental health worker for "
                            "anxiety. Asked the routine relationship questions, he says: "
                            "“Sometimes I lose it and smash things. Last week I grabbed her "
                            "arm. But she winds me up, and it’s the stress. I’m not a "
                            "violent person.” Their two children were at home.</p>"
                        ),
                        "questions": (
                            "<ul>"
                            "<li>What would a collusive response sound like?</li>"
                            "<li>What could the worker say instead?</li>"
                            "<li>What needs to happen after the conversation?</li>"
                            "</ul>"
                        ),
                        "discussion": (
                            "<p>Collusion would be agreeing that stress or his partner "
                            "caused it, or focusing only on his anxiety. Instead, the "
                            "worker can thank Sam for being honest, reflect back what he "
                            "did (smashing things, grabbing her arm), and be clear that "
                            "he is responsible for it. They can ask how his partner and "
                            "children reacted, and offer a referral for help to "
                            "change.</p>"
                            "<p>The worker must then think about risk to his partner and "
                            "to the children, who are victims in their own right, record "
                            "the conversation, and talk to the safeguarding lead. The "
                            "next lesson covers this.</p>"
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "question": ("Which excuse would you find hardest not to agree with? Why?"),
                        "hint": (
                            "Excuses linked to problems we treat, such as alcohol or "
                            "mental ill health, are often the easiest to accept without "
                            "noticing."
                        ),
                    },
                ),
                (
                    "sources",
                    {
                        "sources": [
                            _source(*RESPECT_GUIDELINES),
                            _source(*RESPECT_NOT_LOVE),
                            _source(*RESPECT_PHONELINE),
                            _source(*HO_STANDARDS),
                            _source(*STRATEGY),
                            _source(*DA_ACT_S3),
                        ]
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------ 4
        {
            "slug": "victim-safety-first",
            "title": "Keeping victims and children safe",
            "summary": (
                "Why a disclosure of abusive behaviour is also information about risk to "
                "others, and how to share it safely."
            ),
            "minutes": 10,
            "distressing": True,
            "content_note": (
                "This lesson discusses risk to partners, ex-partners and children, "
                "including after separation."
            ),
            "body": [
                ("heading", {"text": "Safety comes first", "level": "h2"}),
                (
                    "text",
                    "<p>The Home Office standards for perpetrator interventions say the "
                    "priority outcome should be enhanced safety and freedom for all "
                    "victim-survivors, including children. Work with perpetrators should "
                    "happen alongside support for victims, and the same member of staff "
                    "should not support both people.</p>"
                    "<p>Southampton’s commissioned perpetrator service follows this "
                    "approach. The strategy says support is also offered to the partners "
                    "and ex-partners of men on the programme, so that safeguarding is in "
                    "place for the whole family.</p>",
                ),
                ("heading", {"text": "A disclosure is information about risk", "level": "h2"}),
                (
                    "text",
                    "<p>When someone tells you about their abusive behaviour, they are "
                    "also telling you about risk to other people. Think about:</p>"
                    "<ul>"
                    "<li>who is at risk: a current partner, an ex-partner, children, or "
                    "other family members</li>"
                    "<li>what has happened recently, and whether it is getting worse</li>"
                    "<li>any threats, and any recent or planned separation</li>"
                    "<li>whether children see, hear or experience the effects of the "
                    "abuse. If they do, they are victims in their own right under section "
                    "3 of the Domestic Abuse Act 2021</li>"
                    "</ul>",
                ),
                (
                    "key_fact",
                    {
                        "title": "The DASH is done with the victim",
                        "text": (
                            "<p>The SafeLives Dash risk checklist is a tool for "
                            "practitioners working with adult victims. Do not try to "
                            "complete it with the person who uses abuse. If you are worried "
                            "about a victim, ring the PIPPA helpline (023 8091 7917) for "
                            "advice, and follow your safeguarding procedures.</p>"
                        ),
                    },
                ),
                ("heading", {"text": "Sharing information", "level": "h2"}),
                (
                    "text",
                    "<p>HM Government’s information sharing advice is for people who "
                    "safeguard children. It notes it may also help practitioners working "
                    "with adults who could pose a risk to children. It says protecting a "
                    "child from abuse takes priority over protecting privacy, and that "
                    "data protection law provides a framework to support sharing "
                    "information to keep children safe.</p>"
                    "<p>In practice:</p>"
                    "<ul>"
                    "<li>explain the limits of confidentiality before you ask, not "
                    "after</li>"
                    "<li>follow your agency’s information-sharing policy, and talk to your "
                    "safeguarding lead</li>"
                    "<li>for concerns about children, Southampton’s 2019 scrutiny report "
                    "described the MASH, now the Children’s Resource Service, as the "
                    "single point of contact for all safeguarding concerns about "
                    "children</li>"
                    "<li>if an adult victim is at high risk, professionals can refer "
                    "directly into the HRDA process</li>"
                    "<li>if anyone is in immediate danger, call 999</li>"
                    "</ul>",
                ),
                (
                    "practice_point",
                    {
                        "text": (
                            "<p>Think before you tell the person what you will share. If "
                            "telling them could put the victim at risk, for example because "
                            "they would work out who reported them, get advice from your "
                            "safeguarding lead first. Record what was said in the person’s "
                            "own words, what you decided, who you told, and why.</p>"
                        ),
                    },
                ),
                (
                    "case_study",
                    {
                        "title": "Ryan: “I keep an eye on her”",
                        "scenario": (
                            "<p>Ryan, 27, is a housing association tenant. At a tenancy "
                            "review he explains the damage in his flat: he “smashed the "
                            "place up” when his ex-partner said she was seeing someone "
                            "new. He says he still “keeps an eye on her” on social media "
                            "and sometimes drives past her house. They have a two-year-old "
                            "daughter, who stays with Ryan every other weekend.</p>"
                        ),
                        "questions": (
                            "<ul>"
                            "<li>Who is at risk?</li>"
                            "<li>What should the housing officer do, and who should they "
                            "talk to?</li>"
                            "<li>What can they offer Ryan?</li>"
                            "</ul>"
                        ),
                        "discussion": (
                            "<p>His ex-partner and his daughter may both be at risk. The "
                            "behaviour follows a separation, and includes monitoring and "
                            "following her. Since 5 April 2023, controlling or coercive "
                            "behaviour towards an ex-partner can be an offence even if "
                            "they do not live together.</p>"
                            "<p>The officer should record what Ryan said, talk to their "
                            "safeguarding lead the same day, and share the concern about "
                            "his daughter through children’s safeguarding procedures. The "
                            "lead can get advice from PIPPA about risk to his ex-partner. "
                            "Do not contact his ex-partner in a way that Ryan could find "
                            "out about. The officer can also offer Ryan the Respect Phone "
                            "Line and a referral to the Hampton Trust programme.</p>"
                        ),
                    },
                ),
                (
                    "get_help",
                    {
                        "heading": "If you are worried about a victim",
                        "services": ["emergency-999", "pippa", "police-101"],
                    },
                ),
                (
                    "sources",
                    {
                        "sources": [
                            _source(*HO_STANDARDS),
                            _source(*STRATEGY),
                            _source(*SCRUTINY),
                            _source(*DA_ACT_S3),
                            _source(*SCA_S76),
                            _source(*SI_2023_406),
                            _source(*SAFELIVES_QUICK_START),
                            _source(*INFO_SHARING),
                        ]
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------ 5
        {
            "slug": "referral-and-support",
            "title": "Referral to behaviour-change support",
            "summary": (
                "Local and national options for people who use abuse: the Hampton Trust "
                "programme, the Male Engagement Worker and the Respect Phone Line."
            ),
            "minutes": 9,
            "distressing": False,
            "content_note": "",
            "body": [
                ("heading", {"text": "The Hampton Trust programme", "level": "h2"}),
                (
                    "text",
                    "<p>The Hampton Trust is a Hampshire charity. Southampton commissions "
                    "it to run a community perpetrator programme. The programme offers "
                    "group and one-to-one work to support behaviour change for people "
                    "whose behaviour is not dealt with through the criminal justice "
                    "system.</p>"
                    "<ul>"
                    "<li>Any man who is worried about his behaviour and its impact on his "
                    "family can contact the service directly.</li>"
                    "<li>Any practitioner can refer, once they have the man’s "
                    "consent.</li>"
                    "<li>The service also offers support to partners and ex-partners, so "
                    "that the whole family is safeguarded.</li>"
                    "</ul>"
                    "<p>Southampton’s 2019 scrutiny inquiry recorded that The Hampton "
                    "Trust is an accredited member of Respect.</p>",
                ),
                ("heading", {"text": "The Male Engagement Worker", "level": "h2"}),
                (
                    "text",
                    "<p>Southampton’s IDVA service includes a Male Engagement Worker "
                    "(MEW). The MEW works one to one with fathers who use abusive "
                    "behaviour in their relationships and whose children are getting "
                    "support from Children’s Social Care. The aim is to help them "
                    "acknowledge their abusive behaviour and understand the harm it has "
                    "caused. A Young Person’s MEW has also been recruited.</p>"
                    "<p>The strategy gives an example. A father first minimised and denied "
                    "his abuse. The MEW supported him onto a Hampton Trust behaviour "
                    "change programme, and continued to give a dynamic risk assessment to "
                    "support the social worker’s decisions about the family’s safety. If "
                    "the family you work with has a social worker, talk to them about the "
                    "MEW.</p>",
                ),
                ("heading", {"text": "The Respect Phone Line: 0808 802 4040", "level": "h2"}),
                (
                    "text",
                    "<p>The Respect Phoneline is a helpline, email and webchat service for "
                    "people who use domestic abuse and for those working with them. You "
                    "can give the number to a client, and you can call it yourself for "
                    "advice. The Home Office standards describe the Respect Phoneline as "
                    "an example of a help-seeking intervention: a brief, early contact "
                    "that can lead into other support.</p>",
                ),
                ("heading", {"text": "What good support looks like", "level": "h2"}),
                (
                    "text",
                    "<p>The Respect Standard is the nationally recognised quality "
                    "assurance scheme for organisations that work with perpetrators. It "
                    "puts the safety of survivors and their children at the heart of the "
                    "work. The Home Office standards describe a range of interventions, "
                    "from help-seeking and early responses to longer behaviour change "
                    "programmes and intensive multi-agency case management.</p>",
                ),
                (
                    "key_fact",
                    {
                        "title": "A referral does not end your role",
                        "text": (
                            "<p>The Home Office standards say perpetrator interventions "
                            "should sit within a wider coordinated community response. A "
                            "referral to a perpetrator programme is not a reason for other "
                            "agencies to stop monitoring risk. Keep thinking about the "
                            "safety of the victim and children, and keep sharing "
                            "information where you need to.</p>"
                        ),
                    },
                ),
                (
                    "case_study",
                    {
                        "title": "Dan: from denial to a programme",
                        "scenario": (
                            "<p>Dan, 30, has a baby son who is on a child protection plan "
                            "after Dan was arrested for assaulting his partner. At first "
                            "Dan tells his drug worker that “social services have it in "
                            "for me” and that the programme he has been offered is a "
                            "punishment.</p>"
                        ),
                        "questions": (
                            "<ul>"
                            "<li>How can the drug worker support change without "
                            "colluding?</li>"
                            "<li>Who should the worker talk to?</li>"
                            "</ul>"
                        ),
                        "discussion": (
                            "<p>The worker can acknowledge that Dan finds the situation "
                            "hard, while keeping the focus on his behaviour and its impact "
                            "on his partner and son. They can describe the programme as a "
                            "chance to learn and make different choices, not a "
                            "punishment.</p>"
                            "<p>The worker should talk to the allocated social worker, who "
                            "can involve the Male Engagement Worker, and share relevant "
                            "information with the child protection plan’s core group. "
                            "Dan’s drug use and his abusive behaviour both need work. "
                            "Treating one does not treat the other.</p>"
                        ),
                    },
                ),
                (
                    "reflection",
                    {
                        "question": (
                            "Before you next ask about abusive behaviour, what do you need "
                            "to know about these referral routes?"
                        ),
                        "hint": (
                            "Check how your service refers to The Hampton Trust, who your "
                            "safeguarding lead is, and when to contact a family’s social "
                            "worker."
                        ),
                    },
                ),
                (
                    "get_help",
                    {
                        "heading": "Where to get help",
                        "services": [
                            "respect-phone-line",
                            "hampton-trust",
                            "pippa",
                            "national-da-helpline",
                            "mens-advice-line",
                            "emergency-999",
                        ],
                    },
                ),
                (
                    "sources",
                    {
                        "sources": [
                            _source(*STRATEGY),
                            _source(*SCRUTINY),
                            _source(*RESPECT_PHONELINE),
                            _source(*RESPECT_STANDARD),
                            _source(*HO_STANDARDS),
                            _source(*NICE_QS116_4),
                            _source(*HAMPTON_TRUST),
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
        "topic": "why-ask",
        "stem": (
            "<p>According to Southampton’s strategy, what is the DARE model designed to do?</p>"
        ),
        "options": [
            {
                "text": (
                    "Support practitioners to identify domestic abuse perpetrators, explore "
                    "the risks and support them into specialist services"
                ),
                "correct": True,
                "feedback": "Correct. This is how the strategy describes DARE.",
            },
            {
                "text": "Replace the DASH risk checklist for victims",
                "correct": False,
                "feedback": (
                    "No. DASH is completed with victims. DARE is about identifying people "
                    "who use abuse."
                ),
            },
            {
                "text": "Decide whether a perpetrator should be prosecuted",
                "correct": False,
                "feedback": "No. DARE is about identification, risk and referral, not prosecution.",
            },
        ],
        "feedback": (
            "<p>The Southampton Domestic Abuse and VAWG Strategy 2023–2028 says the "
            "commissioned perpetrator service developed DARE “to support practitioners to "
            "identify domestic abuse perpetrators, to explore the risks and to support them "
            "into specialist services”.</p>"
        ),
    },
    {
        "type": "true_false",
        "topic": "why-ask",
        "stem": ("<p>True or false: this e-learning module contains the full DARE toolkit.</p>"),
        "options": [
            {
                "text": "True",
                "correct": False,
                "feedback": (
                    "No. The full DARE toolkit is not public. It is delivered by The Hampton Trust."
                ),
            },
            {
                "text": "False",
                "correct": True,
                "feedback": (
                    "Correct. This module covers the principles. The Hampton Trust "
                    "delivers the full DARE toolkit."
                ),
            },
        ],
        "feedback": (
            "<p>DARE was developed by The Hampton Trust, Southampton’s commissioned "
            "perpetrator service (Southampton Domestic Abuse and VAWG Strategy "
            "2023–2028). This module teaches the principles from public guidance.</p>"
        ),
    },
    {
        "type": "single",
        "topic": "why-ask",
        "stem": (
            "<p>What does NICE quality standard QS116 say should happen when someone "
            "discloses that they are perpetrating domestic abuse?</p>"
        ),
        "options": [
            {
                "text": "They are offered referral to specialist services",
                "correct": True,
                "feedback": "Correct. This is quality statement 4.",
            },
            {
                "text": "They are referred to couples counselling with their partner",
                "correct": False,
                "feedback": (
                    "No. QS116 talks about referral to specialist services for people "
                    "perpetrating abuse."
                ),
            },
            {
                "text": "Nothing, unless the police are already involved",
                "correct": False,
                "feedback": "No. NICE expects health and social care services to respond.",
            },
        ],
        "feedback": (
            "<p>NICE QS116, statement 4: people who disclose that they are perpetrating "
            "domestic violence or abuse are offered referral to specialist services.</p>"
        ),
    },
    {
        "type": "multiple",
        "topic": "when-safe-to-ask",
        "stem": (
            "<p>In which of these situations should you <b>not</b> ask about abusive "
            "behaviour? Choose all that apply.</p>"
        ),
        "options": [
            {
                "text": "The person’s partner is in the room",
                "correct": True,
                "feedback": "Correct. Never ask with the victim present.",
            },
            {
                "text": "The children can hear the conversation",
                "correct": True,
                "feedback": "Correct. Ask only when you are alone with the person.",
            },
            {
                "text": (
                    "Asking would reveal that the partner has told another service about the abuse"
                ),
                "correct": True,
                "feedback": (
                    "Correct. This could put the victim at risk. Talk to your "
                    "safeguarding lead first."
                ),
            },
            {
                "text": (
                    "It is a routine one-to-one part of assessment that you do with every client"
                ),
                "correct": False,
                "feedback": (
                    "This is the right time to ask. Routine enquiry means nobody is singled out."
                ),
            },
        ],
        "feedback": (
            "<p>Respect’s guidelines for frontline workers start with “safety first” and "
            "“do no harm”. Never ask with the victim present, and never if asking could "
            "raise the risk to the victim.</p>"
        ),
    },
    {
        "type": "single",
        "topic": "when-safe-to-ask",
        "stem": (
            "<p>Which two principles do Respect’s guidelines for frontline workers set out "
            "for work with people who use abuse?</p>"
        ),
        "options": [
            {
                "text": "Safety first, and do no harm",
                "correct": True,
                "feedback": "Correct.",
            },
            {
                "text": "Build rapport first, and challenge later",
                "correct": False,
                "feedback": (
                    "No. Rapport helps, but the two principles are about the safety of "
                    "survivors and children."
                ),
            },
            {
                "text": "Keep everything confidential, and treat the client’s needs first",
                "correct": False,
                "feedback": (
                    "No. The safety of survivors and their children comes first, and "
                    "confidentiality has limits."
                ),
            },
        ],
        "feedback": (
            "<p>Respect Phoneline, Guidelines for working with perpetrators of domestic "
            "abuse: safety first (increase the safety and wellbeing of survivors and their "
            "children) and do no harm (do not create extra risk).</p>"
        ),
    },
    {
        "type": "single",
        "topic": "asking-and-responding",
        "stem": (
            "<p>A client says, “I only hit her when I’ve been drinking. It’s the drink.” "
            "Which response avoids collusion?</p>"
        ),
        "options": [
            {
                "text": (
                    "“We can work on your drinking. But how you treat your partner is your "
                    "choice, drunk or sober. Would you like help with that too?”"
                ),
                "correct": True,
                "feedback": (
                    "Correct. This is respectful, keeps responsibility with him, and "
                    "offers a chance to change."
                ),
            },
            {
                "text": "“Once we’ve sorted your drinking, that should stop.”",
                "correct": False,
                "feedback": (
                    "This accepts alcohol as the cause and suggests treating it will end the abuse."
                ),
            },
            {
                "text": "“That’s not my area. Let’s focus on your alcohol use.”",
                "correct": False,
                "feedback": ("This ignores a disclosure of violence and the risk to his partner."),
            },
        ],
        "feedback": (
            "<p>The Home Office standards for perpetrator interventions say to hold "
            "perpetrators to account while treating them with respect and offering "
            "opportunities to choose to change. Respect reminds us that abuse is always a "
            "choice.</p>"
        ),
    },
    {
        "type": "multiple",
        "topic": "asking-and-responding",
        "stem": ("<p>Which of these responses are collusive? Choose all that apply.</p>"),
        "options": [
            {
                "text": "“It sounds like she knows how to push your buttons.”",
                "correct": True,
                "feedback": "Collusive. It puts the blame on the partner.",
            },
            {
                "text": "“At least it was only a push.”",
                "correct": True,
                "feedback": "Collusive. It minimises the harm.",
            },
            {
                "text": "“You’ve been under a lot of stress, so it’s understandable.”",
                "correct": True,
                "feedback": "Collusive. It treats stress as an excuse for abuse.",
            },
            {
                "text": "“Thank you for telling me. How did your partner react?”",
                "correct": False,
                "feedback": (
                    "Not collusive. It acknowledges his honesty and turns attention to the "
                    "impact on his partner."
                ),
            },
        ],
        "feedback": (
            "<p>Respect’s guidelines note that people who use abuse often blame others or "
            "other factors, such as stress or substance use. Responses that agree with "
            "those explanations collude with the abuse.</p>"
        ),
    },
    {
        "type": "single",
        "topic": "victim-safety-first",
        "stem": (
            "<p>According to the Home Office standards for perpetrator interventions, "
            "what should the priority outcome be?</p>"
        ),
        "options": [
            {
                "text": "Enhanced safety and freedom for all victim-survivors, including children",
                "correct": True,
                "feedback": "Correct. This is standard 1.",
            },
            {
                "text": "The perpetrator finishing the programme",
                "correct": False,
                "feedback": (
                    "No. Completion matters, but the priority is victims’ and children’s safety."
                ),
            },
            {
                "text": "Keeping the couple together",
                "correct": False,
                "feedback": "No. The priority is safety and freedom for victim-survivors.",
            },
        ],
        "feedback": (
            "<p>Standards for domestic abuse perpetrator interventions (Home Office, 2023), "
            "standard 1: the priority outcome is enhanced safety and freedom for all "
            "victim-survivors, including children.</p>"
        ),
    },
    {
        "type": "single",
        "topic": "victim-safety-first",
        "stem": (
            "<p>A client tells you about his abusive behaviour towards his partner. Who "
            "should the DASH risk checklist be completed with?</p>"
        ),
        "options": [
            {
                "text": "The victim, for example through the PIPPA helpline with her consent",
                "correct": True,
                "feedback": (
                    "Correct. The DASH is a tool for practitioners working with adult victims."
                ),
            },
            {
                "text": "Your client, the person using abuse",
                "correct": False,
                "feedback": "No. The DASH is not designed to be completed with perpetrators.",
            },
            {
                "text": "Nobody, because the client did not consent to sharing",
                "correct": False,
                "feedback": (
                    "No. Risk to a victim or child may mean you need to share information. "
                    "Follow your information-sharing policy."
                ),
            },
        ],
        "feedback": (
            "<p>SafeLives’ quick start guidance says the Dash risk checklist is for "
            "practitioners who work with adult victims. In Southampton, PIPPA can complete "
            "a DASH with the victim’s consent (Southampton Domestic Abuse and VAWG "
            "Strategy 2023–2028).</p>"
        ),
    },
    {
        "type": "matching",
        "topic": "referral-and-support",
        "stem": "<p>Match each service to what it offers.</p>",
        "pairs": [
            [
                "Respect Phone Line (0808 802 4040)",
                "Helpline, email and webchat for people who use abuse and for "
                "professionals working with them",
            ],
            [
                "Hampton Trust community perpetrator programme",
                "Group and one-to-one behaviour change work, with support for partners",
            ],
            [
                "Male Engagement Worker",
                "One-to-one work with fathers whose children are supported by "
                "Children’s Social Care",
            ],
            [
                "PIPPA helpline (023 8091 7917)",
                "Advice for victims and practitioners, and a DASH with the victim’s consent",
            ],
        ],
        "feedback": (
            "<p>These are described in the Southampton Domestic Abuse and VAWG Strategy "
            "2023–2028 and by Respect. Use them together: work with the person who uses "
            "abuse never replaces support for the victim.</p>"
        ),
    },
    {
        "type": "single",
        "topic": "referral-and-support",
        "stem": (
            "<p>A man tells you he is worried about how he treats his partner and wants "
            "help. How can he access the Hampton Trust community programme?</p>"
        ),
        "options": [
            {
                "text": (
                    "He can contact the service directly, or you can refer him with his consent"
                ),
                "correct": True,
                "feedback": "Correct. Both routes are open.",
            },
            {
                "text": "Only through a court order",
                "correct": False,
                "feedback": (
                    "No. The community programme is for people whose behaviour is not "
                    "dealt with through the criminal justice system."
                ),
            },
            {
                "text": "Only if his partner agrees to attend with him",
                "correct": False,
                "feedback": (
                    "No. Partners are offered separate support. Joint attendance is not required."
                ),
            },
        ],
        "feedback": (
            "<p>Southampton’s strategy says the programme can be accessed directly by any "
            "man concerned about his behaviour, and that any practitioner who has gained "
            "consent can refer.</p>"
        ),
    },
    {
        "type": "single",
        "topic": "referral-and-support",
        "stem": (
            "<p>You have referred a client to a perpetrator programme. What happens to "
            "your role?</p>"
        ),
        "options": [
            {
                "text": (
                    "You keep thinking about risk to the victim and children, and keep "
                    "sharing information where needed"
                ),
                "correct": True,
                "feedback": "Correct. Referral is part of a coordinated response.",
            },
            {
                "text": "The programme now manages all the risk, so you can stop monitoring",
                "correct": False,
                "feedback": (
                    "No. A referral is not a reason for other agencies to stop monitoring risk."
                ),
            },
            {
                "text": "You should contact the victim to tell her he has been referred",
                "correct": False,
                "feedback": (
                    "Not on your own. Contact with a victim must be planned safely, "
                    "usually through specialist services."
                ),
            },
        ],
        "feedback": (
            "<p>The Home Office standards say perpetrator interventions sit within a "
            "wider coordinated community response, and a referral should not be a reason "
            "for other agencies to stop monitoring risk.</p>"
        ),
    },
]
